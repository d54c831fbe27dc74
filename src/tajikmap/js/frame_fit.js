// Fits the map to its frame: the focus (Tajikistan, its Afghan border and Panjshir,
// bounds computed from the geodata in Python) at the size the map really has, the
// corner controls clear of each other, town names placed to be read, and a press
// that does not scroll the page.
// The page's CSS resizes the frame after the map is built and leaflet.css may
// arrive after this script, so both are done again on every resize and once the
// stylesheets have loaded, until the reader pans or zooms: the view is then theirs.
function (map, options, placesFor) {
  var bounds = L.latLngBounds(options.bounds);
  var fitting = false, moved = false;
  var box = map.getContainer();
  function corner(name) { return box.querySelector('.leaflet-' + name); }
  function height(el) { return el ? el.offsetHeight : 0; }
  // On a narrow map the credits wrap across the whole bottom edge; the scale bar
  // in the bottom-left corner would sit on them, so that corner is lifted.
  function clearCredits() {
    var left = corner('bottom.leaflet-left'), credits = box.querySelector('.leaflet-control-attribution');
    if (!left || !credits) { return; }
    left.style.bottom = '';
    var a = credits.getBoundingClientRect(), b = left.getBoundingClientRect();
    if (a.width && b.width && a.left < b.right && a.right > b.left) { left.style.bottom = a.height + 'px'; }
  }
  // Town names moved where they would fall off the map or cover a neighbour (js/town_label_places.js).
  var placeLabels = placesFor(box);
  // Compare's second map (web/compare.js) places its own names with the same function.
  (window.tajikmap = window.tajikmap || {layers: {}, looks: {}}).placesFor = placesFor;
  function fit() {
    clearCredits();
    if (moved || !map.getSize().x || !map.getSize().y) { return; }
    var pad = options.paddingPx;
    var bottom = Math.max(height(corner('bottom.leaflet-left')), height(corner('bottom.leaflet-right')));
    fitting = true;
    // The top corners are left out: Tajikistan leaves them empty (Uzbekistan's
    // and Kyrgyzstan's), and the legend sits in one (css/map.css).
    map.fitBounds(bounds, {animate: false, paddingTopLeft: [pad, pad], paddingBottomRight: [pad, pad + bottom]});
    fitting = false;
  }
  // A press on the map focuses it (Leaflet's keyboard handler), and focus scrolls the
  // page to show the whole frame: on a map partly below the window the page jumped
  // between press and release, and the click landed on another place or none.
  // Focused first without scrolling, Leaflet finds it focused and leaves it.
  box.addEventListener('mousedown', function () {
    if (document.activeElement !== box) { box.focus({preventScroll: true}); }
  }, true);
  // The reader's own moves; a resize pans the map too (movestart), so that is not one.
  map.on('dragstart zoomstart', function () { if (!fitting) { moved = true; } });
  map.on('keydown', function (e) { if (e.originalEvent.key !== 'Tab') { moved = true; } });
  map.on('resize', fit);
  map.on('tajikmap:drawn', placeLabels);  // js/geometry_loader.js draws the towns after the fit
  // Every view change (a fit, a pan, a zoom) ends here, once: names are placed again for
  // the edges and the spacing the view now has.
  map.on('moveend', placeLabels);
  document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
    if (!link.sheet) { link.addEventListener('load', fit); }
  });
  fit();
}
