// Draws the towns of the geometry file: a dot, and the town's name as a plain
// label beside it that the stylesheet places (css/map.css, .town-label-<side>).
// Not Leaflet's permanent tooltips: each of those measures itself whenever the
// view is reset (a fit, a resize), one forced layout per town, which made the
// map's first drawing a long task (Lighthouse's total blocking time). Names are
// HTML-escaped in the file. Shared by the Map, Compare's second map and the
// compare export. ``style`` is the dots' (interactive or not); returns the dots.
function (map, towns, style) {
  if (!map.getPane('towns')) {
    // Above the regions, so however a year's looks reorder their shapes the dots
    // stay on top; the pane lets clicks through to the regions.
    map.createPane('towns').style.zIndex = 450;
    map.getPane('towns').style.pointerEvents = 'none';
  }
  return towns.map(function (town) {
    var dot = L.circleMarker([town.lat, town.lon], L.extend({pane: 'towns'}, style)).addTo(map);
    L.marker([town.lat, town.lon], {
      pane: 'towns', interactive: false, keyboard: false,
      icon: L.divIcon({className: 'town-anchor', iconSize: [0, 0],
                       html: '<span class="town-label town-label-' + town.label + '">' + town.name + '</span>'})
    }).addTo(map);
    return dot;
  });
}
