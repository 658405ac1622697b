// The map: MapLibre GL JS over GeoJSON of the offline geodata. Colours, widths and sizes
// come with each feature from the Rust side (map::style), so this file holds no palette.
// Glyphs for the labels are answered from data/glyphs.js through a custom protocol: no
// font server, nothing fetched.
'use strict';

window.AtlasMap = (function () {
  const GEO = window.ATLAS_GEO;
  const USER = window.ATLAS_USER || [];
  const COLOURS = window.ATLAS_MODEL.colours;
  const FONT = [GEO.fontstack];

  function base64Bytes(text) {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  // glyphs://<fontstack>/<start>-<end>.pbf: a range we did not make is an empty message,
  // which MapLibre reads as "no glyphs here".
  maplibregl.addProtocol('glyphs', function (params) {
    const m = /([0-9]+-[0-9]+)\.pbf$/.exec(params.url);
    const text = m && window.ATLAS_GLYPHS[m[1]];
    return Promise.resolve({ data: text ? base64Bytes(text) : new ArrayBuffer(0) });
  });

  // A point symbol drawn once per look: its shape, colours and size from its feature, and
  // the dashed halo of a place known only approximately.
  function symbolImage(p) {
    const ratio = 2;
    const r = p.radius;
    const halo = p.approximate ? r + 6 : r;
    const size = Math.ceil((halo + 3) * 2 * ratio);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    const c = size / ratio / 2;
    ctx.beginPath();
    if (p.shape === 'diamond') {
      ctx.moveTo(c, c - r); ctx.lineTo(c + r, c); ctx.lineTo(c, c + r); ctx.lineTo(c - r, c);
      ctx.closePath();
    } else if (p.shape === 'square') {
      ctx.rect(c - r * 0.8, c - r * 0.8, r * 1.6, r * 1.6);
    } else {
      ctx.arc(c, c, r, 0, Math.PI * 2);
    }
    ctx.fillStyle = p.fill;
    ctx.fill();
    ctx.lineWidth = p.outline_width;
    ctx.strokeStyle = p.outline;
    ctx.stroke();
    if (p.approximate) {
      ctx.beginPath();
      ctx.setLineDash([3, 2.5]);
      ctx.arc(c, c, halo, 0, Math.PI * 2);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = p.fill;
      ctx.stroke();
    }
    return { image: ctx.getImageData(0, 0, size, size), ratio: ratio };
  }

  const icons = {};
  GEO.plan.features.forEach(function (f) {
    const p = f.properties;
    if (p.draw !== 'symbol') return;
    const key = [p.shape, p.fill, p.outline, p.outline_width, p.radius, p.approximate].join('|');
    icons[key] = p;
    p.icon = key;
  });
  const dashes = {};
  GEO.plan.features.forEach(function (f) {
    if (f.properties.dash) dashes[f.properties.dash] = f.properties.dash.split(',').map(Number);
  });

  const EMPTY = { type: 'FeatureCollection', features: [] };

  function bounds(b) { return [[b[0], b[1]], [b[2], b[3]]]; }

  function planBounds() {
    const all = GEO.plan.features.filter(function (f) { return f.properties.layer === 'districts'; });
    let b = [180, 90, -180, -90];
    all.forEach(function (f) {
      const box = window.ATLAS_MODEL.features[f.properties.id].bbox;
      if (!box) return;
      b = [Math.min(b[0], box[0]), Math.min(b[1], box[1]), Math.max(b[2], box[2]), Math.max(b[3], box[3])];
    });
    return b;
  }

  const nameField = function (lang) { return ['get', 'name_' + lang]; };
  const halo = { 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.6, 'text-color': COLOURS.label };

  function planLayers(lang) {
    const is = function (key, value) { return ['==', ['get', key], value]; };
    const layers = [
      { id: 'plan-fill', type: 'fill', source: 'plan', filter: is('draw', 'area'),
        paint: { 'fill-color': ['get', 'fill'] } },
    ];
    USER.forEach(function (u, i) {
      layers.push({ id: 'user-' + i + '-fill', type: 'fill', source: 'user-' + i,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': ['get', 'c'], 'fill-opacity': 0.45 * u.opacity } });
    });
    layers.push(
      { id: 'plan-outline', type: 'line', source: 'plan', filter: is('draw', 'area'),
        paint: { 'line-color': ['get', 'outline'], 'line-width': ['get', 'outline_width'] } },
      { id: 'units-cells', type: 'line', source: 'units-cells', minzoom: GEO.units.min_zoom,
        paint: { 'line-color': GEO.units.colour, 'line-width': 1.2, 'line-opacity': 0.8, 'line-dasharray': [5, 3.3] } },
      { id: 'plan-casing', type: 'line', source: 'plan', filter: ['in', ['get', 'draw'], ['literal', ['line', 'dashed']]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ['get', 'casing'], 'line-width': ['get', 'casing_width'] } },
      { id: 'plan-line', type: 'line', source: 'plan', filter: is('draw', 'line'),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ['get', 'core'], 'line-width': ['get', 'core_width'] } });
    Object.keys(dashes).forEach(function (d, i) {
      layers.push({ id: 'plan-dashed-' + i, type: 'line', source: 'plan', filter: is('dash', d),
        paint: { 'line-color': ['get', 'core'], 'line-width': ['get', 'core_width'], 'line-dasharray': dashes[d] } });
    });
    USER.forEach(function (u, i) {
      layers.push(
        { id: 'user-' + i + '-line', type: 'line', source: 'user-' + i,
          filter: ['!=', ['geometry-type'], 'Point'],
          paint: { 'line-color': ['get', 'c'], 'line-width': Math.max(1.5, u.line_width), 'line-opacity': u.opacity } },
        { id: 'user-' + i + '-point', type: 'circle', source: 'user-' + i,
          filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-color': ['get', 'c'], 'circle-radius': u.point_size / 2, 'circle-opacity': u.opacity,
            'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
    });
    layers.push(
      { id: 'selected-line', type: 'line', source: 'plan', filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': COLOURS.selection, 'line-width': 4 } },
      { id: 'highlight-line', type: 'line', source: 'plan', filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': COLOURS.highlight, 'line-width': 5, 'line-opacity': 0.9 } },
      { id: 'selected-point', type: 'circle', source: 'plan',
        filter: ['all', is('draw', 'symbol'), ['==', ['get', 'id'], '']],
        paint: { 'circle-radius': ['+', ['get', 'radius'], 5], 'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': COLOURS.selection, 'circle-stroke-width': 3 } },
      { id: 'units-points', type: 'circle', source: 'units-points', minzoom: GEO.units.min_zoom,
        paint: { 'circle-radius': 3, 'circle-color': GEO.units.colour } },
      { id: 'plan-symbols', type: 'symbol', source: 'plan', filter: is('draw', 'symbol'),
        layout: { 'icon-image': ['get', 'icon'], 'icon-allow-overlap': true, 'icon-ignore-placement': true,
          'symbol-sort-key': ['-', 0, ['get', 'radius']] } },
      { id: 'label-districts', type: 'symbol', source: 'plan', filter: is('layer', 'districts'),
        layout: { 'text-field': nameField(lang), 'text-font': FONT, 'text-size': 13,
          'text-max-width': 8, 'text-padding': 4 }, paint: halo },
      { id: 'label-towns', type: 'symbol', source: 'towns', minzoom: 8,
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-optional': true,
          'symbol-sort-key': ['-', 0, ['get', 'population']] },
        paint: { 'text-color': GEO.base.town_label, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.4 } },
      { id: 'label-units', type: 'symbol', source: 'units-points', minzoom: GEO.units.min_zoom,
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11,
          'text-anchor': 'bottom', 'text-offset': [0, -0.4] },
        paint: { 'text-color': GEO.units.colour, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.4 } },
      { id: 'label-lines', type: 'symbol', source: 'plan', filter: ['in', ['get', 'draw'], ['literal', ['line', 'dashed']]],
        minzoom: 8.5,
        layout: { 'symbol-placement': 'line', 'text-field': nameField(lang), 'text-font': FONT, 'text-size': 11 },
        paint: halo },
      { id: 'label-points', type: 'symbol', source: 'plan', filter: is('draw', 'symbol'), minzoom: 8.5,
        layout: { 'text-field': nameField(lang), 'text-font': FONT, 'text-size': 12,
          'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 1.1,
          'text-justify': 'auto', 'text-max-width': 9, 'symbol-sort-key': ['-', 0, ['get', 'radius']] },
        paint: halo });
    USER.forEach(function (u, i) {
      layers.push({ id: 'user-' + i + '-label', type: 'symbol', source: 'user-' + i, minzoom: 10,
        filter: ['has', 'l'],
        layout: { 'text-field': ['get', 'l'], 'text-font': FONT, 'text-size': 11, 'text-optional': true,
          'text-variable-anchor': ['top', 'bottom'], 'text-radial-offset': 0.8 },
        paint: halo });
    });
    return layers;
  }

  function style(lang) {
    const sources = {
      land: { type: 'geojson', data: GEO.base.land },
      rivers: { type: 'geojson', data: GEO.base.rivers },
      towns: { type: 'geojson', data: GEO.base.towns },
      plan: { type: 'geojson', data: GEO.plan },
      // The 2025 units show from zoom 10: their data is given when the map first nears it,
      // so the first frame does not wait for them.
      'units-cells': { type: 'geojson', data: EMPTY },
      'units-points': { type: 'geojson', data: EMPTY },
    };
    USER.forEach(function (u, i) { sources['user-' + i] = { type: 'geojson', data: u.data }; });
    return {
      version: 8,
      glyphs: 'glyphs://{fontstack}/{range}.pbf',
      sources: sources,
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': GEO.base.no_data } },
        { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': ['get', 'fill'] } },
        { id: 'rivers', type: 'line', source: 'rivers', paint: { 'line-color': GEO.base.water, 'line-width': 1.4 } },
      ].concat(planLayers(lang)),
    };
  }

  let map = null;
  // Layout changes wait for the style: before it loads, it is made in the right language.
  let ready = false;
  const CLICKABLE = ['plan-symbols', 'plan-line', 'plan-casing', 'plan-fill'];

  function create(container, lang, onPick) {
    map = new maplibregl.Map({
      container: container,
      style: style(lang),
      bounds: bounds(planBounds()),
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true, customAttribution: GEO.base.attribution },
      maxZoom: 15,
      minZoom: 6,
      dragRotate: false,
      pitchWithRotate: false,
      cooperativeGestures: false,
      // Labels appear at once: a fade only delays the first settled frame.
      fadeDuration: 0,
    });
    map.once('load', function () { ready = true; });
    let units = false;
    const nearUnits = function () {
      if (units || map.getZoom() < GEO.units.min_zoom - 1) return;
      units = true;
      map.getSource('units-cells').setData(GEO.units.cells);
      map.getSource('units-points').setData(GEO.units.points);
    };
    map.on('load', nearUnits);
    map.on('zoomend', nearUnits);
    // The credits start folded behind their (i) button: open, they cover a phone's map.
    const credits = map.getContainer().querySelector('.maplibregl-ctrl-attrib');
    if (credits) credits.classList.remove('maplibregl-compact-show');
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    // The symbols are drawn before the first layout asks for them, so it runs once.
    map.once('style.load', function () {
      Object.keys(icons).forEach(function (key) {
        const drawn = symbolImage(icons[key]);
        map.addImage(key, drawn.image, { pixelRatio: drawn.ratio });
      });
    });
    map.on('styleimagemissing', function (e) {
      const p = icons[e.id];
      if (!p || map.hasImage(e.id)) return;
      const drawn = symbolImage(p);
      map.addImage(e.id, drawn.image, { pixelRatio: drawn.ratio });
    });
    map.on('click', function (e) {
      const pad = 6;
      const box = [[e.point.x - pad, e.point.y - pad], [e.point.x + pad, e.point.y + pad]];
      const hits = map.queryRenderedFeatures(box, { layers: CLICKABLE });
      if (!hits.length) { onPick(null); return; }
      hits.sort(function (a, b) { return b.properties.priority - a.properties.priority; });
      onPick(hits[0].properties.id);
    });
    CLICKABLE.forEach(function (id) {
      map.on('mouseenter', id, function () { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', id, function () { map.getCanvas().style.cursor = ''; });
    });
    return map;
  }

  function setLang(lang) {
    if (!map || !ready) return;
    ['label-districts', 'label-lines', 'label-points'].forEach(function (id) {
      map.setLayoutProperty(id, 'text-field', nameField(lang));
    });
  }

  // A filter set again to what it was would still lay its layer out again: skipped.
  let selected = '';
  let highlighted = '[]';
  function setSelected(id) {
    if (!map || !ready || (id || '') === selected) return;
    selected = id || '';
    const f = ['==', ['get', 'id'], id || ''];
    map.setFilter('selected-line', f);
    map.setFilter('selected-point', ['all', ['==', ['get', 'draw'], 'symbol'], f]);
  }

  function setHighlight(ids) {
    if (!map || !ready || JSON.stringify(ids || []) === highlighted) return;
    highlighted = JSON.stringify(ids || []);
    map.setFilter('highlight-line', ['in', ['get', 'id'], ['literal', ids || []]]);
  }

  // Fits a box into the part of the map the reader sees (beside the panel, above the
  // bottom sheet on a phone).
  function frame(box, opts) {
    if (!map || !box) return;
    const padding = AtlasMap.padding();
    // A reader who asked for less motion gets cuts, not flights.
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const options = { padding: padding, maxZoom: (opts && opts.maxZoom) || 11.5,
      duration: (opts && opts.cut) || still ? 0 : 1600, essential: !still };
    // A point is framed as a small box around it: fitBounds takes its padding for this move
    // only, where flyTo's would stay on the map and add to every later fit.
    const b = box[0] === box[2] && box[1] === box[3]
      ? [box[0] - 0.02, box[1] - 0.02, box[2] + 0.02, box[3] + 0.02] : box;
    map.fitBounds(bounds(b), options);
  }

  function flyTo(at, zoom) {
    frame([at[0], at[1], at[0], at[1]], { maxZoom: zoom });
  }

  return {
    create: create, setLang: setLang, setSelected: setSelected, setHighlight: setHighlight,
    frame: frame, flyTo: flyTo, planBounds: planBounds,
    padding: function () { return { top: 30, bottom: 30, left: 30, right: 30 }; },
    get map() { return map; },
  };
})();
