// Hover boxes that stay readable: they wrap at a width the map can hold
// (css/map.css), sit on the side of the pointer with more room, are moved back
// inside the map's box and off its controls (the legend, zoom buttons, scale,
// credits) when Leaflet would place them across one, and close on a click. A
// clicked region then stays quiet until the pointer has been over another
// shape or has left the map: its panel answers the click, and on a touch
// screen a tap would otherwise leave the box standing over the region.
// Defines tajikmap.bindTip(layer, key, html) for the geometry loader and the
// year's looks; html is escaped by looks.tooltip_html.
function (map, options) {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  var margin = options.marginPx;
  t.quiet = null;

  function controlBoxes() {
    var base = map.getContainer().getBoundingClientRect();
    var boxes = [];
    map.getContainer().querySelectorAll('.leaflet-control').forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push({left: r.left - base.left - margin, top: r.top - base.top - margin,
                    right: r.right - base.left + margin, bottom: r.bottom - base.top + margin});
      }
    });
    return boxes;
  }

  // The free spot nearest to where Leaflet put the box: first inside the map,
  // then, if that is across a control, just beside that control on each side.
  function spot(box, size, boxes) {
    function clamp(b) {
      return {x: Math.max(margin, Math.min(b.x, size.x - b.w - margin)),
              y: Math.max(margin, Math.min(b.y, size.y - b.h - margin)), w: b.w, h: b.h};
    }
    function hits(b) {
      return boxes.some(function (o) {
        return b.x < o.right && b.x + b.w > o.left && b.y < o.bottom && b.y + b.h > o.top;
      });
    }
    var start = clamp(box);
    if (!hits(start)) { return start; }
    var tries = [];
    boxes.forEach(function (o) {
      tries.push(clamp(L.extend({}, start, {y: o.top - box.h})), clamp(L.extend({}, start, {y: o.bottom})),
                 clamp(L.extend({}, start, {x: o.left - box.w})), clamp(L.extend({}, start, {x: o.right})));
    });
    var free = tries.filter(function (b) { return !hits(b); });
    free.sort(function (a, b) {
      return (Math.abs(a.x - box.x) + Math.abs(a.y - box.y)) - (Math.abs(b.x - box.x) + Math.abs(b.y - box.y));
    });
    return free.length ? free[0] : start;
  }

  function place(tooltip) {
    var el = tooltip.getElement();
    if (!el || !map.hasLayer(tooltip) || !L.DomUtil.getPosition(el)) { return; }
    // Measured as drawn: leaflet.css also shifts the box by a margin on its arrow's side.
    var base = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
    var box = {x: r.left - base.left, y: r.top - base.top, w: r.width, h: r.height};
    var best = spot(box, map.getSize(), controlBoxes());
    var shift = L.point(Math.ceil(best.x - box.x), Math.ceil(best.y - box.y));
    var shifted = shift.x !== 0 || shift.y !== 0;
    if (shifted) { L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add(shift)); }
    // Its arrow would point past the pointer once the box has moved.
    L.DomUtil[shifted ? 'addClass' : 'removeClass'](el, 'tajikmap-tip-shifted');
  }

  function quieten() { t.quiet = this._tajikmapTipKey; this.closeTooltip(); }
  function onOpen(e) {
    if (t.quiet === this._tajikmapTipKey) { this.closeTooltip(); } else { place(e.tooltip); }
  }
  function onMove() { var tip = this.getTooltip(); if (tip) { place(tip); } }
  function onOver() { if (t.quiet !== this._tajikmapTipKey) { t.quiet = null; } }

  // Bound after Leaflet's own tooltip handlers, so these run after them: a
  // click closes what Leaflet's click opened, a move re-places what it placed.
  t.bindTip = function (layer, key, html) {
    layer.off({click: quieten, tooltipopen: onOpen, mousemove: onMove, mouseover: onOver});
    layer.unbindTooltip();
    if (!html) { return; }
    layer._tajikmapTipKey = key;
    layer.bindTooltip(html, {sticky: true, direction: 'auto', className: 'tajikmap-tip'});
    layer.on({click: quieten, tooltipopen: onOpen, mousemove: onMove, mouseover: onOver});
  };
  map.on('mouseout', function () { t.quiet = null; });
  map.on('zoomend', function () {
    map.eachLayer(function (layer) {
      if (layer instanceof L.Tooltip && layer.options.className === 'tajikmap-tip') { place(layer); }
    });
  });
}
