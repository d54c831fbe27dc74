/*
 * tajikmap compare export: two years side by side in one offline HTML file.
 *
 * Everything comes from the page itself: the data block (geometry, each year's
 * looks and legend, each region's two-column panel as HTML escaped in Python),
 * Leaflet, Leaflet.Sync, year_look.js (window.tajikmapYearLook, which styles
 * each map as on the dashboard) and the dashboard's town drawing and name placement.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tajikmap-data').textContent);
  var panel = document.getElementById('tajikmap-panel');
  var intro = panel.innerHTML;

  function show(id) {
    if (Object.prototype.hasOwnProperty.call(data.panels, id)) {
      panel.innerHTML = data.panels[id];  // escaped when the file was written
    } else {
      panel.innerHTML = intro;
    }
  }

  function control(map, position, tag, className) {
    var box = L.control({position: position});
    var el;
    box.onAdd = function () {
      el = L.DomUtil.create(tag, className);
      L.DomEvent.disableClickPropagation(el);
      return el;
    };
    box.addTo(map);
    return el;
  }

  // The country, its Afghan border and the regions within (data.bounds) above the
  // legends and the credits in the bottom corners of both maps (they share one view),
  // as the dashboard frames its maps.
  function fit(maps) {
    var bottom = 0;
    maps.forEach(function (map) {
      ['left', 'right'].forEach(function (side) {
        var corner = map.getContainer().querySelector('.leaflet-bottom.leaflet-' + side);
        bottom = Math.max(bottom, corner ? corner.offsetHeight : 0);
      });
    });
    maps[0].fitBounds(data.bounds, {animate: false, paddingTopLeft: [10, 10], paddingBottomRight: [10, 10 + bottom]});
  }

  function makeMap(div, index) {
    // Fractional zooms, as the dashboard's maps: the fit fills the box more closely. A
    // first view now (Leaflet draws layers only on a map that has one); fit() again
    // once both legends are filled and their heights known.
    var map = L.map(div, {minZoom: 4, maxZoom: 11, zoomSnap: 0.25});
    map.fitBounds(data.bounds, {animate: false});
    map.attributionControl.addAttribution(data.attribution);
    var registry = {layers: {}, looks: {}, map: map};
    L.geoJSON(data.geometry.context, {
      style: function () { return data.contextStyle; },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.tooltip, {sticky: true}); }
    }).addTo(map);
    L.geoJSON(data.geometry.regions, {
      style: function () { return data.hiddenStyle; },
      onEachFeature: function (feature, layer) {
        var id = feature.properties.id;
        registry.layers[id] = layer;
        layer.on('click', function () {
          var look = registry.looks[id];
          if (look && look.interactive) { show(id); }
        });
      }
    }).addTo(map);
    window.tajikmapTownLabels(map, data.geometry.towns, data.townStyle);  // not interactive (looks.TOWN_STYLE)
    // Names moved off the map's edge and off each other, as on the dashboard (js/town_label_places.js).
    var place = window.tajikmapTownLabelPlaces(map.getContainer());
    map.whenReady(place);
    map.on('moveend', place);
    var details = control(map, data.legendPosition, 'details', 'tajikmap-legend');
    details.open = map.getSize().x >= 400;  // on a phone it would hide much of the map
    registry.legend = {
      title: L.DomUtil.create('summary', 'legend-title', details),
      body: L.DomUtil.create('div', 'legend-body', details)
    };
    registry.label = control(map, 'topright', 'div', 'tajikmap-year-label');
    var year = data.years[index];
    var name = 'tajikmapExport' + index;  // year_look.js finds the registry by name
    window[name] = registry;
    window.tajikmapYearLook(null, {registry: name, looks: data.looks[index], label: String(year),
                                   legendTitle: data.legendTitles[index], legendBody: data.legends[index]});
    return map;
  }

  var first = makeMap('map-first', 0);
  var second = makeMap('map-second', 1);
  first.sync(second);
  second.sync(first);
  fit([first, second]);  // after the sync, which moves the second map to the first's view
  window.tajikmapExport = {first: first, second: second, show: show};
  if (data.selected) { show(data.selected); }
})();
