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
  // A town's name sits beside its dot on its own side (data/build/towns.yaml). On a
  // narrow map it can fall off the edge (Tursunzoda's, left of its dot on a phone)
  // or cover a neighbour (then Dushanbe's name): such a name takes the first place
  // of above, below and the other side that is inside the map and covers no other
  // name or dot. Names are placed in the map's order (the geometry file's): one
  // placed earlier keeps its place. All are measured in one go, then moved: one
  // layout, not one per town.
  var PLACES = ['at-right', 'at-left', 'at-above', 'at-below'];
  var GAP = 7, OFF = 8;  // from the dot's centre to the name: beside it, above or below it
  function overlap(a, b) {  // the area two boxes share, px²
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return Math.max(0, w) * Math.max(0, h);
  }
  function placeLabels() {
    var labels = Array.prototype.slice.call(box.querySelectorAll('.town-label'));
    labels.forEach(function (el) {
      el.classList.remove.apply(el.classList, PLACES);
      el.style.marginLeft = '';
    });
    var base = box.getBoundingClientRect();
    var dots = Array.prototype.map.call(box.querySelectorAll('.leaflet-towns-pane path'), function (d) {
      var r = d.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    });
    var towns = labels.map(function (el) {
      var a = el.parentElement.getBoundingClientRect(), r = el.getBoundingClientRect();
      var side = ['left', 'top', 'bottom'].filter(function (n) {
        return el.classList.contains('town-label-' + n);
      })[0];
      return {el: el, x: a.left, y: a.top, w: r.width, h: r.height,
              side: {left: 'at-left', top: 'at-above', bottom: 'at-below'}[side] || 'at-right'};
    });
    var placed = [];
    var moves = towns.map(function (t) {
      if (!t.w) { return null; }  // not drawn (a hidden frame): nothing to measure
      var boxes = {
        'at-right': [t.x + GAP, t.y - t.h / 2, t.x + GAP + t.w, t.y + t.h / 2],
        'at-left': [t.x - GAP - t.w, t.y - t.h / 2, t.x - GAP, t.y + t.h / 2],
        'at-above': [t.x - t.w / 2, t.y - OFF - t.h, t.x + t.w / 2, t.y - OFF],
        'at-below': [t.x - t.w / 2, t.y + OFF, t.x + t.w / 2, t.y + OFF + t.h]
      };
      var order = [t.side].concat(['at-above', 'at-below', 'at-right', 'at-left'].filter(function (p) {
        return p !== t.side;
      }));
      // The first free place; if none is (a small map, close towns), the one inside the
      // map that covers least, so a name is never cut off by the map's edge.
      var choice = null;
      order.forEach(function (place) {
        var b = boxes[place].slice(), shift = 0;
        if (place === 'at-above' || place === 'at-below') {  // centred: slid back inside an edge
          shift = Math.max(base.left + 1 - b[0], 0) - Math.max(b[2] - (base.right - 1), 0);
          b[0] += shift; b[2] += shift;
        }
        var inside = b[0] >= base.left && b[2] <= base.right && b[1] >= base.top && b[3] <= base.bottom;
        // Its own dot is never in these boxes: GAP and OFF clear it.
        var cost = placed.concat(dots).reduce(function (sum, o) {
          return sum + overlap(b, o);
        }, inside ? 0 : 1e9);
        if (!choice || cost < choice.cost) { choice = {place: place, shift: shift, box: b, cost: cost}; }
      });
      placed.push(choice.box);
      return choice;
    });
    towns.forEach(function (t, i) {
      if (!moves[i]) { return; }
      t.el.classList.add(moves[i].place);
      if (moves[i].shift) { t.el.style.marginLeft = moves[i].shift + 'px'; }
    });
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
