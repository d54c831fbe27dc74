// Loads the served geometry file and draws it: context countries, the region and
// border layers (hidden until a year styles them) and the towns (drawn by
// js/town_labels.js).
//
// The two layer groups are made and added now, empty: streamlit-folium attaches
// its click handler to every layer on the map right after this script, and a
// click on a shape drawn later reaches it through its group (Leaflet passes a
// child's events to its group, with the shape as e.layer). The file itself is
// fetched without blocking and drawn in tasks of their own (context, regions, towns),
// after frame_fit.js has framed the map: each shape is projected once, at the
// final zoom, and no single task keeps the page from answering a reader for long
// (Lighthouse's total blocking time; a synchronous request here also held the
// page for the file's whole round trip). Until the regions are drawn, year_look.js
// keeps the year's looks (t.pending) and this applies them.
function (map, options, drawTowns) {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  t.pending = true;
  // Kept for compare mode's second map in the same frame, which draws the same file.
  t.drawTowns = drawTowns;
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
  var context = L.geoJSON(null, {
    style: function () { return options.contextStyle; },
    onEachFeature: function (f, layer) { t.bindTip(layer, 'context:' + f.properties.id, f.properties.tooltip); }
  }).addTo(map);
  // Every region and border path is registered under its id for the year's
  // looks; hover follows the year's look (folium's own highlight would reset to
  // the base style, which is hidden).
  var regions = L.geoJSON(null, {
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
  }).addTo(map);
  function draw(group, features) { group.addData(features).eachLayer(untabbable); }  // each group drawn once
  // Whoever needs the parsed file (compare mode's second map) waits here.
  var waiting = [];
  t.whenGeometry = function (callback) { if (t.geometry) { callback(t.geometry); } else { waiting.push(callback); } };
  var steps = [
    function (data) { draw(context, data.context); },
    function (data) {
      draw(regions, data.regions);
      t.pending = false;
      if (t.applyYear) { t.applyYear(); }
    },
    function (data) {
      drawTowns(map, data.towns, options.townStyle).forEach(untabbable);
      map.fire('tajikmap:drawn');  // frame_fit.js places the town labels
      L.DomUtil.addClass(map.getContainer(), 'tajikmap-drawn');
    },
    function (data) {
      t.geometry = data;
      waiting.splice(0).forEach(function (callback) { callback(data); });
    }
  ];
  // Each step in a task of its own, in order; compare mode's second map draws its shapes so too.
  t.inTasks = function (list, data, i) {
    i = i || 0;
    list[i](data);
    if (i + 1 < list.length) { setTimeout(function () { t.inTasks(list, data, i + 1); }, 0); }
  };
  // Without the file the map is an empty frame: say so on it, in plain words.
  function failed(why) {
    if (window.console) { console.error('tajikmap: geometry not loaded (' + why + ')'); }
    // In the middle of the map (css/map.css), where a phone's first screen shows it.
    var el = L.DomUtil.create('div', 'tajikmap-map-error', map.getContainer());
    el.setAttribute('role', 'alert');
    el.textContent = "The map's shapes could not be loaded. Reload the page to try again.";
  }
  var xhr = new XMLHttpRequest();
  xhr.open('GET', options.url);
  xhr.responseType = 'json';
  xhr.onload = function () {
    if (xhr.status !== 200 || !xhr.response) { failed('HTTP ' + xhr.status); return; }
    t.inTasks(steps, xhr.response);
  };
  xhr.onerror = function () { failed('network error'); };
  xhr.onabort = function () { failed('aborted'); };
  xhr.send(null);
}
