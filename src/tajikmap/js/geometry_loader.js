// Loads the served geometry file while the map is built and draws it: context
// countries, the region and border layers (hidden until a year styles them)
// and the towns (drawn by js/town_labels.js). Synchronous on purpose:
// streamlit-folium attaches its click handlers right after this script, so the
// layers must exist by then.
function (map, options, drawTowns) {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  var xhr = new XMLHttpRequest();
  xhr.open('GET', options.url, false);
  xhr.send(null);
  if (xhr.status !== 200) { throw new Error('tajikmap: geometry not served (' + xhr.status + ')'); }
  var data = JSON.parse(xhr.responseText);
  if (map.attributionControl) { map.attributionControl.addAttribution(options.attribution); }
  // Shapes stay out of the Tab order (Leaflet's tooltip focus listeners make SVG
  // paths focusable in Chromium): the page's Region list is the keyboard's way to a
  // region, and thirty-odd silent stops, hidden shapes among them, would all but
  // trap a keyboard in the map. Nor does a press focus them: focus would scroll a
  // map half off the screen into view between press and release, and the click
  // would land on another place.
  function untabbable(layer) {
    var el = layer.getElement();
    if (!el) { return; }
    el.setAttribute('tabindex', '-1');
    el.addEventListener('mousedown', function (e) { e.preventDefault(); });
  }
  L.geoJSON(data.context, {
    style: function () { return options.contextStyle; },
    onEachFeature: function (f, layer) { t.bindTip(layer, 'context:' + f.properties.id, f.properties.tooltip); }
  }).addTo(map).eachLayer(untabbable);
  // Every region and border path is registered under its id for the year's
  // looks; hover follows the year's look (folium's own highlight would reset to
  // the base style, which is hidden).
  L.geoJSON(data.regions, {
    style: function () { return options.hiddenStyle; },
    onEachFeature: function (feature, layer) {
      var id = feature.properties.id;
      t.layers[id] = layer;
      layer.on('mouseover', function () {
        var look = t.looks[id];
        if (look && look.interactive) {
          layer.setStyle({weight: (look.style.weight || 1) + 1.5,
                          fillOpacity: Math.min(0.85, (look.style.fillOpacity || 0) + 0.2)});
        }
      });
      layer.on('mouseout', function () { var look = t.looks[id]; if (look) { layer.setStyle(look.style); } });
    }
  }).addTo(map).eachLayer(untabbable);
  // Towns (js/town_labels.js, passed in as drawTowns), kept for compare mode's
  // second map in the same frame.
  t.drawTowns = drawTowns;
  drawTowns(map, data.towns, options.townStyle).forEach(untabbable);
}
