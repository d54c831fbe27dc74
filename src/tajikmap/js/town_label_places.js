// A town's name sits beside its dot on its own side (data/build/towns.yaml). On a
// narrow map it can fall off the edge (Tursunzoda's, left of its dot on a phone)
// or cover a neighbour (then Dushanbe's name): such a name takes the first place
// of above, below and the other side that is inside the map and covers no other
// name or dot. Names are placed in the map's order (the geometry file's): one
// placed earlier keeps its place. All are measured in one go, then moved: one
// layout, not one per town.
// Shared by the Map's frame (js/frame_fit.js), and the reader's static site
// (site_assets/site.js): called with the map's container, it returns the function
// that places the names of the towns drawn in it (js/town_labels.js's markup:
// .town-label inside its dot's anchor, the dots in the towns pane); the page's CSS
// has the at-* rules.
function (box) {
  var PLACES = ['at-right', 'at-left', 'at-above', 'at-below'];
  var GAP = 7, OFF = 8;  // from the dot's centre to the name: beside it, above or below it
  function overlap(a, b) {  // the area two boxes share, px²
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return Math.max(0, w) * Math.max(0, h);
  }
  return function placeLabels() {
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
  };
}
