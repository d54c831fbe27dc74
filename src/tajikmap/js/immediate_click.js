// streamlit-folium reports clicks through a 250 ms debounce meant for pan and
// zoom. This sends the same value at once and records it as streamlit-folium's
// last-sent value, so its debounced call finds nothing new (one rerun per
// click). It leans on streamlit-folium 0.27.4's internals (window.__GLOBAL_DATA__,
// its key order, its change check on JSON text): see README, "Where we depend
// on internals". For other returned_objects, or outside streamlit-folium (an
// exported map), it does nothing.
function (map, options) {
  var keys = options.keys;
  var g = window.__GLOBAL_DATA__;
  if (!g || window.parent === window || !Array.isArray(g.returned_objects)) { return; }
  if (!g.returned_objects.every(function (k) { return keys.indexOf(k) !== -1; })) { return; }
  function current() {
    var value = {};
    keys.forEach(function (k) { if (g.returned_objects.indexOf(k) !== -1) { value[k] = g[k]; } });
    return value;
  }
  // Right after building the map streamlit-folium reports its starting values (a
  // click count of 0 where Python's default says None): a rerun on every page view
  // that tells Python nothing. Recorded as sent, they are not sent.
  g.previous_data = current();
  // Layer handlers (streamlit-folium's onLayerClick) run before the map's own,
  // so by now the clicked feature is in __GLOBAL_DATA__.
  map.on('click', function () {
    var value = current();
    if (JSON.stringify(value) === JSON.stringify(g.previous_data)) { return; }
    g.previous_data = value;
    window.parent.postMessage({isStreamlitMessage: true, type: 'streamlit:setComponentValue',
                               value: value, dataType: 'json'}, '*');
  });
}
