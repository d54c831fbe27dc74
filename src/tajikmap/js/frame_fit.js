// Fits the map to its frame: the focus (Tajikistan, its Afghan border and Panjshir,
// bounds computed from the geodata in Python) at the size the map really has, the
// corner controls clear of each other, and a press that does not scroll the page.
// The page's CSS resizes the frame after the map is built and leaflet.css may
// arrive after this script, so both are done again on every resize and once the
// stylesheets have loaded, until the reader pans or zooms: the view is then theirs.
function (map, options) {
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
  // A town's label beside its dot can fall off a narrow map's edge (Tursunzoda's,
  // left of its dot on a phone): such a label goes above its dot instead. All
  // labels are measured in one go, then moved: one layout, not one per town.
  function labelsInside() {
    var labels = box.querySelectorAll('.town-label');
    labels.forEach(function (el) { el.classList.remove('town-label-above'); });
    var base = box.getBoundingClientRect();
    var off = Array.prototype.filter.call(labels, function (el) {
      var r = el.getBoundingClientRect();
      return r.width && (r.left < base.left || r.right > base.right);
    });
    off.forEach(function (el) { el.classList.add('town-label-above'); });
  }
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
    labelsInside();
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
  map.on('tajikmap:drawn', labelsInside);  // js/geometry_loader.js draws the towns after the fit
  document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
    if (!link.sheet) { link.addEventListener('load', fit); }
  });
  fit();
}
