// On a narrow screen the panel sits under the map, a screen or more below: a tap
// on a region would seem to do nothing. After a tap, once the page's panel shows
// a region heading other than the one it showed before, scroll that heading into
// view. The frame is same-origin (streamlit-folium's iframe), so it can reach the
// page; outside Streamlit (an exported map) there is no panel and it does nothing.
function (map, options) {
  if (window.parent === window) { return; }
  var doc;
  try { doc = window.parent.document; } catch (e) { return; }
  var selector = options.headingSelector;
  function heading() { return doc.querySelector(selector); }
  map.on('click', function () {
    if (window.parent.innerWidth > options.maxWidthPx) { return; }
    var before = heading();
    var beforeText = before ? before.textContent : null;
    var observer = new window.parent.MutationObserver(function () {
      var now = heading();
      if (now && now.textContent !== beforeText) {
        observer.disconnect();
        now.scrollIntoView({block: 'start'});
      }
    });
    observer.observe(doc.body, {childList: true, subtree: true, characterData: true});
    // A tap that changes nothing (the region already shown) leaves no observer behind.
    window.setTimeout(function () { observer.disconnect(); }, options.giveUpMs);
  });
}
