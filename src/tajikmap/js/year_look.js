// Applies one year's looks to the layers the geometry loader registered, and
// fills the legend. Sent on every rerun through streamlit-folium's
// feature_group_to_add; the base map itself never changes. Compare mode (and
// its export) name the map's registry and a year label in the options.
function (map, options) {
  var t = window[options.registry || 'tajikmap'];
  if (!t) { return; }
  if (t.label && options.label) { t.label.textContent = options.label; }
  if (t.legend) {
    t.legend.title.textContent = options.legendTitle;  // text, never parsed as HTML
    t.legend.body.innerHTML = options.legendBody;      // built from escaped labels
  }
  t.looks = {};
  options.looks.forEach(function (entry) {
    var id = entry[0], look = entry[1], layer = t.layers[id];
    t.looks[id] = look;
    if (!layer) { return; }
    layer.setStyle(look.style);
    layer.unbindTooltip();
    if (look.tooltip) { layer.bindTooltip(look.tooltip, {sticky: true}); }
    var el = layer.getElement();
    if (el) {
      el.style.pointerEvents = look.interactive ? '' : 'none';
      if (look.interactive) { L.DomUtil.addClass(el, 'leaflet-interactive'); }
      else { L.DomUtil.removeClass(el, 'leaflet-interactive'); }
    }
    if (look.mode === 'hidden' && !look.style.opacity) { layer.bringToBack(); } else { layer.bringToFront(); }
  });
}
