/* The site's script loader, inlined in index.html: asks for Leaflet, the data and
   the page's script only once the page has painted. The page's text needs none of
   them, and a phone on a slow link then shows it without waiting for ~300 KB;
   the three download side by side and run in order. */
(function () {
  'use strict';
  var names = document.currentScript.getAttribute('data-scripts').split(' ');
  requestAnimationFrame(function () {
    setTimeout(function () {
      names.forEach(function (name) {
        var script = document.createElement('script');
        script.src = name;
        script.async = false;
        document.body.appendChild(script);
      });
    }, 0);
  });
})();
