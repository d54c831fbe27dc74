// Applies one year's looks to the layers the geometry loader registered, and
// fills the legend. Sent on every rerun through streamlit-folium's
// feature_group_to_add; the base map itself never changes. Compare mode (and
// its export) name the map's registry and a year label in the options.
//
// On a map's first build the geometry is still on its way (js/geometry_loader.js
// and compare mode's second map set t.pending): the legend and label are filled
// at once, the shapes' looks kept in t.applyYear, which the loader calls once the
// regions are drawn.
//
// On the Map, the options also hold the other years' looks (options.years, by
// year): t.showYear(year) shows one of them at once, called by the page's
// js/year_switch.js when the Year radio changes; the rerun then sends this
// script again with that year's own options.
function (map, options) {
  var t = window[options.registry || 'tajikmap'];
  if (!t) { return; }
  if (t.label && options.label) { t.label.textContent = options.label; }
  show(options);
  if (options.years) {
    var byYear = options.years;
    byYear[options.year] = options;
    var shown = options.year;
    t.showYear = function (year) {  // the year already shown is left as it is
      if (year !== shown && byYear[year]) { shown = year; show(byYear[year]); }
    };
  }

  function show(o) {
    if (t.legend) {
      t.legend.title.textContent = o.legendTitle;  // text, never parsed as HTML
      t.legend.body.innerHTML = o.legendBody;      // built from escaped labels
    }
    t.applyYear = function () { apply(o.looks); };
    if (!t.pending) { t.applyYear(); }
  }

  function apply(looks) {
    t.looks = {};
    looks.forEach(function (entry) {
      var id = entry[0], look = entry[1], layer = t.layers[id];
      t.looks[id] = look;
      if (!layer) { return; }
      layer.setStyle(look.style);
      if (t.bindTip) {
        t.bindTip(layer, id, look.tooltip);  // tooltips.js: kept inside the map, closed by a click
      } else {  // compare mode's second map and its export load no tooltips.js: Leaflet's own
        layer.unbindTooltip();
        if (look.tooltip) { layer.bindTooltip(look.tooltip, {sticky: true}); }
      }
      var el = layer.getElement();
      if (el) {
        el.style.pointerEvents = look.interactive ? '' : 'none';
        if (look.interactive) { L.DomUtil.addClass(el, 'leaflet-interactive'); }
        else { L.DomUtil.removeClass(el, 'leaflet-interactive'); }
      }
      if (look.mode === 'hidden' && !look.style.opacity) { layer.bringToBack(); } else { layer.bringToFront(); }
    });
  }
}
