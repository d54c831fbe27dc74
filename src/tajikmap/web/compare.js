/*
 * tajikmap compare mode, inside streamlit-folium's iframe.
 *
 * streamlit-folium draws one Leaflet map (map_div). Compare mode adds a second
 * one in the iframe's map_div2 (streamlit-folium's own slot for a second map),
 * draws into it the geometry the first map's loader fetched and parsed, keeps the two in step with
 * Leaflet.Sync, and hands a click on the second map to the first map's layer of
 * the same region, so it reaches Python through streamlit-folium's usual path.
 * Each year's looks (styles, escaped tooltips, legend, year label) are applied
 * by js/year_look.js, as on the single-year map.
 */
(function () {
  'use strict';

  function registerer(registry) {
    return function (feature, layer) {
      var id = feature.properties.id;
      registry.layers[id] = layer;
      layer.on('mouseover', function () {
        var look = registry.looks[id];
        if (look && look.interactive) {
          layer.setStyle({weight: (look.style.weight || 1) + 1.5,
                          fillOpacity: Math.min(0.85, (look.style.fillOpacity || 0) + 0.2)});
        }
      });
      layer.on('mouseout', function () {
        var look = registry.looks[id];
        if (look) { layer.setStyle(look.style); }
      });
    };
  }

  // A small label naming the map's year; its text is set with textContent.
  function yearLabel(map) {
    var box = L.control({position: 'topright'});
    var el;
    box.onAdd = function () {
      el = L.DomUtil.create('div', 'tajikmap-year-label');
      return el;
    };
    box.addTo(map);
    return el;
  }

  function legendBox(map, registry, openFrom, position) {
    var box = L.control({position: position || 'bottomleft'});
    box.onAdd = function () {
      var details = L.DomUtil.create('details', 'tajikmap-legend');
      var title = L.DomUtil.create('summary', 'legend-title', details);
      var body = L.DomUtil.create('div', 'legend-body', details);
      details.open = map.getSize().x >= openFrom;
      L.DomEvent.disableClickPropagation(details);
      L.DomEvent.disableScrollPropagation(details);
      registry.legend = {title: title, body: body};
      return details;
    };
    box.addTo(map);
  }

  function forwardClick(first, registry, id, e) {
    var target = registry.layers[id];
    if (!target) { return; }
    var data = {latlng: e.latlng, layerPoint: first.latLngToLayerPoint(e.latlng),
                containerPoint: first.latLngToContainerPoint(e.latlng), originalEvent: e.originalEvent};
    // As Leaflet fires a real click: the layer (propagating to its group, where
    // streamlit-folium reads the feature), then the map.
    target.fire('click', data, true);
    first.fire('click', data);
  }

  // Compare mode's maps are narrower than the single-year map, whose legend
  // starts closed below 520 px: open streamlit-folium's map's legend from `px`.
  function openLegend(map, px) {
    var registry = window.tajikmap;
    if (registry && registry.legend && map.getSize().x >= px) {
      registry.legend.title.parentNode.open = true;
    }
  }

  function build(opts) {
    var first = opts.first;
    var second = L.map(opts.div, {
      center: first.getCenter(), zoom: first.getZoom(),
      minZoom: first.getMinZoom(), maxZoom: first.getMaxZoom(),
      // The first map's fractional zoom (its fit to the frame), or Leaflet.Sync's
      // setView would land this one on a whole zoom level, a different view.
      zoomSnap: first.options.zoomSnap,
      zoomControl: true, attributionControl: false
    });
    // Drawn once the first map's loader (js/geometry_loader.js) has the file: one
    // request and one parse for both maps, and the second map's shapes in tasks of
    // their own. Until then year_look.js keeps this map's looks (pending).
    var registry = window.tajikmap2 = {layers: {}, looks: {}, map: second, pending: true};
    var context = L.geoJSON(null, {
      style: function () { return opts.contextStyle; },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.tooltip, {sticky: true}); }
    }).addTo(second);
    var register = registerer(registry);
    var regions = L.geoJSON(null, {
      style: function () { return opts.hiddenStyle; },
      onEachFeature: function (feature, layer) {
        register(feature, layer);
        layer.on('click', function (e) {
          var look = registry.looks[feature.properties.id];
          if (look && look.interactive) {
            forwardClick(first, window.tajikmap || {layers: {}}, feature.properties.id, e);
          }
        });
      }
    }).addTo(second);
    var t = window.tajikmap;  // the first map's loader: its file, its task runner, its town drawer
    t.whenGeometry(function (data) {
      t.inTasks([
        function () { context.addData(data.context); },
        function () {
          regions.addData(data.regions);
          registry.pending = false;
          if (registry.applyYear) { registry.applyYear(); }
        },
        function () {
          t.drawTowns(second, data.towns, opts.townStyle);
          // Names moved off the map's edge and off each other with the first map's
          // placer (js/town_label_places.js, from js/frame_fit.js), again after every
          // view change (a synced one too).
          if (t.placesFor) {
            var place = t.placesFor(second.getContainer());
            place();
            second.on('moveend', place);
          }
          L.DomUtil.addClass(second.getContainer(), 'tajikmap-drawn');
        }
      ], data);
    });
    legendBox(second, registry, opts.legendOpenFrom, opts.legendPosition);
    var first_registry = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
    openLegend(first, opts.legendOpenFrom);
    first_registry.label = yearLabel(first);
    registry.label = yearLabel(second);
    var cursor = {interactive: false, radius: 8, fillOpacity: 0.2, color: '#222222', weight: 1.5,
                  fillColor: '#ffffff'};
    first.sync(second, {syncCursor: true, syncCursorMarkerOptions: cursor});
    second.sync(first, {syncCursor: true, syncCursorMarkerOptions: cursor});
    // The maps' boxes change when the stylesheet arrives (side by side, or stacked
    // on a narrow screen) and when the page resizes: tell Leaflet each time.
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function () {
        first.invalidateSize(false);
        second.invalidateSize(false);
      });
      observer.observe(first.getContainer());
      observer.observe(second.getContainer());
    }
    return second;
  }

  window.tajikmapCompare = {build: build, openLegend: openLegend};
})();
