// An empty legend in a corner of the map, filled by each year's look. A <details>
// element: its title opens and closes it, and it starts closed on a narrow map,
// where the open legend would hide much of the country.
function (map, options) {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  var box = L.control({position: options.position});
  box.onAdd = function () {
    var details = L.DomUtil.create('details', 'tajikmap-legend');
    var title = L.DomUtil.create('summary', 'legend-title', details);
    var body = L.DomUtil.create('div', 'legend-body', details);
    details.open = map.getSize().x >= options.openFromPx;
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    t.legend = {title: title, body: body};
    return details;
  };
  box.addTo(map);
}
