/* The reader's page (tajikmap site): draws the map with Leaflet from the page's
   JSON, and the legend, region list and panel of the view the link asks for.
   Every text from the data goes into the page with textContent (never as HTML),
   so whatever the data holds is shown, not run. */
(function () {
  'use strict';
  // The site's data.js sets TAJIKMAP_DATA; the one-file page embeds a JSON block.
  var DATA = window.TAJIKMAP_DATA || JSON.parse(document.getElementById('tajikmap-data').textContent);
  var YEAR_RE = /^\d{4}$/;
  var REGION_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_PARAM = 64;
  var state = {year: DATA.initial.year, region: DATA.initial.region, notice: ''};
  var shapes = {};
  var scrollToPanel = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function yearView(year) { return DATA.byYear[String(year)]; }

  function regionOf(year, id) {
    var list = yearView(year).regions;
    for (var i = 0; i < list.length; i++) { if (list[i].id === id) { return list[i]; } }
    return null;
  }

  /* The view a hash asks for, checked against the data; anything odd falls back
     to the default view with a notice that never repeats the input. */
  function parseHash(hash) {
    var view = {year: DATA.initial.year, region: DATA.initial.region, notice: ''};
    var notices = [];
    var text = (hash || '').replace(/^#/, '');
    if (!text) { return view; }
    var params = new URLSearchParams(text);
    var rawYear = params.get('year');
    var rawRegion = params.get('region');
    view.region = null;
    if (rawYear !== null) {
      var y = rawYear.trim();
      if (y.length <= MAX_PARAM && YEAR_RE.test(y) && DATA.years.indexOf(Number(y)) !== -1) {
        view.year = Number(y);
      } else {
        notices.push('The link\u2019s year was not recognised; showing ' + view.year + '.');
      }
    }
    if (rawRegion !== null && rawRegion.trim()) {
      var r = rawRegion.trim().toLowerCase();
      if (r.length <= MAX_PARAM && REGION_RE.test(r) && regionOf(view.year, r)) {
        view.region = r;
      } else {
        notices.push('The link\u2019s region was not found in ' + view.year + '; no region is selected.');
      }
    }
    view.notice = notices.join(' ');
    return view;
  }

  function hashOf(year, region) {
    return '#year=' + encodeURIComponent(year) + (region ? '&region=' + encodeURIComponent(region) : '');
  }

  /* ---- the map ---- */
  // The first view is set before any layer is drawn: each later change of zoom
  // or style redraws every shape, a cost a phone feels.
  state = parseHash(location.hash);
  var map = L.map('map', {minZoom: 4, maxZoom: 11, zoomSnap: 0.25, attributionControl: true});
  map.fitBounds(DATA.frame, {animate: false});
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(DATA.mapCredits);
  L.control.scale({imperial: false, position: 'topright'}).addTo(map);

  function tipNode(tip) {
    var box = el('span', 'region-tip');
    box.appendChild(el('strong', '', tip[0]));
    box.appendChild(el('span', '', tip[1]));
    return box;
  }

  function lookOf(id) {
    return yearView(state.year).looks[id] || {mode: 'hidden', style: {opacity: 0, fillOpacity: 0}, interactive: false};
  }

  function styleOf(id) {
    var look = lookOf(id);
    var style = L.extend({}, look.style);
    if (id === state.region) {
      L.extend(style, DATA.selectedStyle);
      if (look.mode === 'hidden') { style.fillOpacity = 0; style.dashArray = null; }
    }
    return style;
  }

  L.geoJSON(DATA.context, {
    style: function () { return DATA.contextStyle; },
    interactive: false
  }).addTo(map);

  L.geoJSON(DATA.shapes, {
    style: function (feature) { return styleOf(feature.properties.id); },
    onEachFeature: function (feature, layer) {
      var id = feature.properties.id;
      shapes[id] = layer;
      // Content made when the tooltip opens, from the year shown then: bound once.
      layer.bindTooltip(function () {
        var tip = lookOf(id).tip;
        return tip ? tipNode(tip) : '';
      }, {sticky: true, className: 'region-tooltip'});
      layer.on('click', function () {
        if (lookOf(id).interactive) {
          // On a phone the panel is under the map: bring the facts into view once drawn.
          scrollToPanel = window.innerWidth < 900;
          go(state.year, id);
        }
      });
    }
  }).addTo(map);

  // Town names as plain positioned labels (CSS places them beside the dot):
  // Leaflet's permanent tooltips measure themselves, one forced layout each. Once
  // drawn, and after every change of view, a name that would fall off the map
  // (Tursunzoda's, on a phone) or cover a neighbour is moved (townLabelPlaces, the
  // Map's own file, put before this script by site.py).
  map.createPane('towns').style.zIndex = 450;
  map.getPane('towns').style.pointerEvents = 'none';
  DATA.towns.forEach(function (town) {
    L.circleMarker([town.lat, town.lon], L.extend({pane: 'towns', interactive: false}, DATA.townStyle)).addTo(map);
    var label = el('span', 'town-label town-label-' + town.label, town.name);
    L.marker([town.lat, town.lon], {
      pane: 'towns', interactive: false, keyboard: false,
      icon: L.divIcon({className: 'town-anchor', html: label, iconSize: [0, 0]})
    }).addTo(map);
  });
  var placeLabels = townLabelPlaces(map.getContainer());
  placeLabels();
  map.on('moveend', placeLabels);

  function restyle(drawn) {
    Object.keys(shapes).forEach(function (id) {
      var layer = shapes[id];
      var look = lookOf(id);
      if (!drawn) { layer.setStyle(styleOf(id)); }
      var path = layer.getElement();
      if (path) {
        path.style.pointerEvents = look.interactive ? '' : 'none';
        path.style.cursor = look.interactive ? 'pointer' : '';
      }
    });
    if (state.region && shapes[state.region]) { shapes[state.region].bringToFront(); }
  }

  /* ---- the page around it ---- */
  /* The year buttons are in the page's HTML (no shift when the script runs). */
  function renderYears() {
    var buttons = document.querySelectorAll('#years button');
    Array.prototype.forEach.call(buttons, function (button) {
      var year = Number(button.getAttribute('data-year'));
      button.setAttribute('aria-pressed', String(year === state.year));
      if (!button.onclick) {
        button.onclick = function () {
          var keep = state.region && regionOf(year, state.region) ? state.region : null;
          go(year, keep);
        };
      }
    });
  }

  function renderLegend() {
    var view = yearView(state.year);
    var box = document.getElementById('legend');
    box.textContent = '';
    box.appendChild(el('h2', 'legend-title', 'Who holds sway, ' + state.year));
    var list = el('ul');
    view.legend.forEach(function (item) {
      var li = el('li');
      var swatch = el('span', item.line ? 'swatch line' : 'swatch');
      swatch.style.background = item.color;
      swatch.setAttribute('aria-hidden', 'true');
      li.appendChild(swatch);
      li.appendChild(el('span', '', item.label + ': ' + item.regions.join(', ')));
      list.appendChild(li);
    });
    if (view.approximate) {
      var li = el('li');
      var swatch = el('span', 'swatch approx');
      swatch.setAttribute('aria-hidden', 'true');
      li.appendChild(swatch);
      li.appendChild(el('span', '', DATA.approximateNote));
      list.appendChild(li);
    }
    list.appendChild(el('li', 'legend-note', DATA.swayNote));
    box.appendChild(list);
  }

  function renderRegionList() {
    var nav = document.getElementById('regions');
    nav.textContent = '';
    nav.appendChild(el('h2', 'regions-title', 'Regions in ' + state.year));
    var list = el('ul', 'region-list');
    var items = [{id: null, name: 'Overview'}].concat(yearView(state.year).regions);
    items.forEach(function (region) {
      var li = el('li');
      var button = el('button', 'region-list-button', region.name);
      button.type = 'button';
      button.setAttribute('aria-pressed', String(region.id === state.region));
      button.addEventListener('click', function () { go(state.year, region.id); });
      li.appendChild(button);
      list.appendChild(li);
    });
    nav.appendChild(list);
  }

  function factCard(fact) {
    var card = el('article', 'card fact');
    fact.figures.forEach(function (figure) {
      card.appendChild(el('p', 'figure', figure.text));
      card.appendChild(el('p', 'figure-label', figure.label + ' \u00b7 ' + figure.kind));
    });
    var statement = el('p', 'statement');
    statement.appendChild(el('span', 'badge ' + fact.status, fact.status));
    statement.appendChild(document.createTextNode(fact.statement));
    card.appendChild(statement);
    var meta = el('ul', 'meta');
    if (fact.according) { meta.appendChild(el('li', 'according', fact.according)); }
    if (fact.actors) { meta.appendChild(el('li', '', 'Actors: ' + fact.actors)); }
    meta.appendChild(el('li', 'date', 'Date: ' + fact.date));
    meta.appendChild(el('li', 'citation', 'Source: ' + fact.citation));
    if (fact.note) { meta.appendChild(el('li', 'note', 'Note: ' + fact.note)); }
    card.appendChild(meta);
    backgroundItems(fact.background).forEach(function (box) { card.appendChild(box); });
    return card;
  }

  /* Knowledge that is not in the article, always labelled as such. */
  function backgroundItems(items) {
    return items.map(function (item) {
      var box = el('div', 'background');
      box.appendChild(el('span', 'background-label', DATA.backgroundLabel + ': '));
      box.appendChild(document.createTextNode(item.text));
      if (item.basis) { box.appendChild(el('p', 'small', 'Basis: ' + item.basis)); }
      return box;
    });
  }

  function evidenceCard(ev) {
    var card = el('article', 'card evidence');
    card.appendChild(el('h3', '', ev.title));
    card.appendChild(el('p', 'headline', ev.headline));
    card.appendChild(el('p', 'small', 'measured from the map\u2019s geodata'));
    card.appendChild(el('p', '', ev.claim));
    card.appendChild(el('p', '', ev.measured + '.'));
    card.appendChild(el('p', 'small', ev.method + ' ' + ev.caveat));
    return card;
  }

  function renderPanel() {
    var panel = document.getElementById('panel');
    panel.textContent = '';
    var view = yearView(state.year);
    var region = state.region ? regionOf(state.year, state.region) : null;
    if (!region) {
      // The same elements as site.py's overview_html, which the page starts with.
      panel.appendChild(el('h2', '', view.overview.title));
      view.overview.sources.forEach(function (src) {
        var p = el('p');
        p.appendChild(el('cite', '', src.title));
        p.appendChild(document.createTextNode(src.rest));
        panel.appendChild(p);
        var details = el('details');  // how the date was worked out is method: it folds away
        details.appendChild(el('summary', '', DATA.datingLabel));
        details.appendChild(el('p', '', src.dating));
        panel.appendChild(details);
      });
      panel.appendChild(el('p', '', view.overview.count));
      return;
    }
    panel.appendChild(el('h2', '', region.name));
    if (region.altNames.length) { panel.appendChild(el('p', 'also', 'Also: ' + region.altNames.join(', '))); }
    var role = el('p', 'role');
    role.appendChild(el('strong', '', state.year + ': '));
    role.appendChild(document.createTextNode(region.role));
    panel.appendChild(role);
    backgroundItems(region.roleBackground).forEach(function (box) { panel.appendChild(box); });
    if (region.approximate) {
      var how = el('details');
      how.appendChild(el('summary', '', 'Approximate boundary: how it was drawn'));
      how.appendChild(el('p', '', region.method));
      panel.appendChild(how);
    }
    region.evidence.forEach(function (ev) { panel.appendChild(evidenceCard(ev)); });
    var n = region.facts.length;
    panel.appendChild(el('h3', 'fact-count', n + (n === 1 ? ' fact' : ' facts')));
    region.facts.forEach(function (fact) { panel.appendChild(factCard(fact)); });
  }

  function render(notice, drawn) {
    renderYears();
    renderLegend();
    renderRegionList();
    renderPanel();
    restyle(drawn);
    var link = document.getElementById('view-link');
    link.href = hashOf(state.year, state.region);
    var box = document.getElementById('notice');
    box.textContent = notice || '';
    box.hidden = !notice;
  }

  /* A choice becomes a history entry (Back and Forward step through views);
     the hashchange handler then draws it. */
  function go(year, region) {
    var hash = hashOf(year, region);
    if (location.hash === hash) { return; }
    location.hash = hash;
  }

  function applyHash() {
    var view = parseHash(location.hash);
    state.year = view.year;
    state.region = view.region;
    render(view.notice);
    if (scrollToPanel) { document.getElementById('panel').scrollIntoView({block: 'start'}); }
    scrollToPanel = false;
  }

  window.addEventListener('hashchange', applyHash);
  render(state.notice, true);  // the map was drawn in this view already
  window.tajikmap = {map: map, shapes: shapes, state: state};
})();
