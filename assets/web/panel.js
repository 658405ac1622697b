// The panel: a feature as the window's panel shows it (names, kind, attributes, status with
// the fact it rests on, key figures, facts by category with modality badges, qualifiers,
// misprints, whose words, citation chips), the province overview, the article viewer and
// the search. Every text comes from data/model.js in both languages; nothing is derived.
'use strict';

window.AtlasPanel = (function () {
  const M = window.ATLAS_MODEL;

  const WORDS = {
    nothing: ['Chưa chọn đối tượng nào', 'Nothing selected'],
    hint: ['Chạm hoặc bấm vào bản đồ, hay tìm theo tên, để xem những gì các bài báo nói.',
      'Tap or click the map, or search by name, to see what the articles say.'],
    zoom: ['Phóng tới', 'Zoom to'],
    close: ['Đóng', 'Close'],
    approximate: ['Vị trí gần đúng (tâm xã)', 'Approximate location (commune centroid)'],
    schematic: ['Vẽ theo sơ đồ, không theo tuyến đường đo đạc', 'Drawn as a diagram, not a surveyed route'],
    notOnMap: ['Chưa có vị trí trên bản đồ', 'Not on the map: no known location'],
    facts: ['Dữ kiện', 'Facts'],
    noFacts: ['Các bài báo không nêu dữ kiện nào về đối tượng này.', 'The articles state no facts about this.'],
    keyFigures: ['Số liệu chính', 'Key figures'],
    quote: ['Lời trích', 'Quote'],
    misprint: ['Lỗi in trong bài', 'Misprint in the article'],
    conflict: ['Nguồn khác nói khác', 'Another source says otherwise'],
    related: ['Đọc cùng', 'Read beside'],
    ownWords: ['Lời của đơn vị phát triển dự án', "The developer's own words"],
    source: ['Nguồn vị trí và thuộc tính', 'Where the location comes from'],
    note: ['Ghi chú', 'Note'],
    contents: ['Cửa khẩu, khu và cụm công nghiệp', 'Gates, park and clusters'],
    communes: ['Xã, phường, thị trấn', 'Communes'],
    overview: ['Tổng quan tỉnh', 'Province overview'],
    statusFact: ['Dựa trên', 'Rests on'],
    openSource: ['Mở bài báo tại lời trích', 'Open the article at the quote'],
    legend: ['Chú giải', 'Legend'],
    myLayers: ['Lớp của dự án', "The project's layers"],
    search: ['Tìm địa danh (không cần dấu)', 'Search places (accents optional)'],
    searchShort: ['Tìm địa danh', 'Search places'],
    link: ['Đường dẫn tới trang này', 'Link to this view'],
    noResults: ['Không tìm thấy', 'Nothing found'],
  };
  let lang = M.lang;
  const w = function (key) { return WORDS[key][lang === 'en' ? 1 : 0]; };
  const pick = function (bi) { return bi ? bi[lang] : ''; };

  // A small element builder: h('p', {class: 'x'}, 'text', child).
  function h(tag, attrs) {
    const el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'onclick') el.addEventListener('click', attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    for (let i = 2; i < arguments.length; i++) {
      const c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  let handlers = { select: function () {}, frame: function () {}, clear: function () {} };

  function chip(factId, text) {
    const fact = M.facts[factId];
    if (!fact) return null;
    return h('button', { type: 'button', class: 'chip', title: pick(fact.cite) + ' · ' + w('openSource'),
      onclick: function () { openArticle(factId, this); } }, '§ ' + (text || pick(fact.chip)));
  }

  function badge(fact) {
    return fact.modality ? h('span', { class: 'badge' }, pick(fact.modality).toUpperCase()) : null;
  }

  function factRow(fact) {
    const row = h('li', { class: 'fact', 'data-fact': fact.id },
      h('p', null, badge(fact), ' ', pick(fact.text), ' ', chip(fact.id)));
    fact.qualified.forEach(function (q) { row.append(h('p', { class: 'qualifier' }, '≈ ' + pick(q))); });
    row.append(h('blockquote', { lang: 'vi', class: 'quote' },
      fact.lead ? h('span', { class: 'lead' }, fact.lead + ' … ') : null, '“' + fact.quote + '”'));
    fact.misprints.forEach(function (m) {
      row.append(h('p', { class: 'warn' }, '⚠ ' + w('misprint') + ' (' + m.figure + '): ' + pick(m)));
    });
    if (fact.interest) row.append(h('p', { class: 'own' }, w('ownWords') + ': ' + pick(fact.interest)));
    if (fact.conflicts.length) {
      row.append(h('p', { class: 'warn strong' }, '⚠ ' + w('conflict')));
      fact.conflicts.forEach(function (l) { row.append(linked(l, 'conflict')); });
    }
    if (fact.related.length) {
      row.append(h('p', { class: 'small strong' }, w('related')));
      fact.related.forEach(function (l) { row.append(linked(l, 'related')); });
    }
    return row;
  }

  function linked(link, cls) {
    return h('div', { class: 'link ' + cls }, h('p', null, pick(link.text), ' ', chip(link.fact, pick(link.chip))),
      h('p', { class: 'small why' }, '→ ' + pick(link.why)));
  }

  function factsSection(ids) {
    const box = h('section', { class: 'facts' }, h('h3', null, w('facts') + ' (' + ids.length + ')'));
    if (!ids.length) { box.append(h('p', { class: 'muted' }, w('noFacts'))); return box; }
    M.categories.forEach(function (cat) {
      const here = ids.map(function (id) { return M.facts[id]; })
        .filter(function (f) { return f && f.category === cat.key; });
      if (!here.length) return;
      const details = h('details', { open: '' }, h('summary', null, pick(cat) + ' (' + here.length + ')'));
      const list = h('ul', { class: 'fact-list' });
      here.forEach(function (f) { list.append(factRow(f)); });
      details.append(list);
      box.append(details);
    });
    return box;
  }

  function keyFigures(rows) {
    if (!rows.length) return null;
    const list = h('ul', { class: 'figures' });
    rows.forEach(function (r) {
      list.append(h('li', null, h('strong', null, pick(r.text)),
        r.disputed ? h('span', { class: 'warn', title: w('misprint') }, ' ⚠') : null, ' ',
        h('span', { class: r.planned ? 'how planned' : 'how' }, pick(r.how)),
        r.period ? h('span', { class: 'small' }, ' ' + r.period) : null, ' ', chip(r.fact)));
    });
    return h('section', null, h('h3', null, w('keyFigures')), list);
  }

  function pairs(rows) {
    const dl = h('dl', { class: 'pairs' });
    rows.forEach(function (r) { dl.append(h('dt', null, r[0]), h('dd', null, r[1])); });
    return dl;
  }

  function feature(id) {
    const f = M.features[id];
    const other = lang === 'en' ? 'vi' : 'en';
    const body = [];
    body.push(h('h2', { id: 'panel-heading' }, f.name[lang]),
      h('p', { class: 'subtitle', lang: other }, f.name[other]),
      h('p', { class: 'muted' }, pick(f.kind)));
    const buttons = h('div', { class: 'buttons' });
    if (f.bbox) buttons.append(h('button', { type: 'button', onclick: function () { handlers.frame(id); } }, w('zoom')));
    buttons.append(h('button', { type: 'button', onclick: function () { handlers.clear(); } }, w('close')));
    body.push(buttons);
    if (f.approximate) body.push(h('p', { class: 'warn' }, '~ ' + w('approximate')));
    if (f.schematic) body.push(h('p', { class: 'warn' }, w('schematic')));
    if (!f.located) body.push(h('p', { class: 'warn' }, w('notOnMap')));
    const rows = f.rows[lang].slice();
    body.push(pairs(rows));
    if (f.status) {
      const fact = M.facts[f.status.fact];
      body.push(h('div', { class: 'status' }, h('p', null, h('strong', null, pick(f.status_row) + ': '), pick(f.status)),
        fact ? h('p', { class: 'small' }, w('statusFact') + ': ', badge(fact), ' ', pick(fact.text), ' ', chip(fact.id)) : null));
    }
    body.push(keyFigures(f.key_figures), factsSection(f.facts));
    if (f.contents.length) {
      const list = h('ul', { class: 'contents' });
      f.contents.forEach(function (cid) {
        const c = M.features[cid];
        list.append(h('li', null, h('button', { type: 'button', class: 'linkish',
          onclick: function () { handlers.select(cid); } }, c.name[lang] + ' · ' + pick(c.kind))));
      });
      body.push(h('section', null, h('h3', null, w('contents')), list));
    }
    if (f.communes.length) {
      body.push(h('details', null, h('summary', null, w('communes') + ' (' + f.communes.length + ')'),
        h('p', { class: 'small', lang: 'vi' }, f.communes.join(', '))));
    }
    body.push(h('details', null, h('summary', null, w('source')),
      h('p', { class: 'small' }, f.source.join(' · '))));
    if (f.note) body.push(h('details', null, h('summary', null, w('note')), h('p', { class: 'small' }, f.note)));
    return body;
  }

  function legend() {
    const box = h('details', { class: 'legend' }, h('summary', null, w('legend')));
    M.legend.forEach(function (layer) {
      const list = h('ul', null);
      layer.rows.forEach(function (row) {
        const s = row.swatch;
        const sw = h('span', { class: 'swatch ' + s.draw + (s.shape ? ' ' + s.shape : ''), 'aria-hidden': 'true' });
        sw.style.background = s.fill || s.core || 'transparent';
        sw.style.borderColor = s.outline || s.casing || 'transparent';
        list.append(h('li', null, sw, pick(row.text)));
      });
      box.append(h('p', { class: 'strong small' }, pick(layer.name)), list);
    });
    (window.ATLAS_USER || []).forEach(function (u) {
      const list = h('ul', null);
      u.legend.forEach(function (row) {
        const sw = h('span', { class: 'swatch area', 'aria-hidden': 'true' });
        sw.style.background = row[1];
        list.append(h('li', null, sw, row[0]));
      });
      box.append(h('p', { class: 'strong small' }, w('myLayers') + ': ' + u.name), list);
    });
    return box;
  }

  function overview() {
    const o = M.overview;
    const body = [h('h2', { id: 'panel-heading' }, w('nothing')), h('p', { class: 'muted' }, w('hint'))];
    if (o.name) body.push(h('h3', null, o.name[lang]));
    if (o.area) body.push(h('p', null, pick(o.area)));
    body.push(pairs(o.counts[lang]));
    if (o.gates) body.push(h('p', { class: 'small' }, pick(o.gates), ' ', chip(o.gates.fact)));
    body.push(legend());
    if (o.province) {
      body.push(h('h3', null, w('overview')), keyFigures(M.features[o.province].key_figures),
        factsSection(M.features[o.province].facts));
    }
    return body;
  }

  // Where the folder is published (--url), the address of what is shown, to pass on.
  function shareLine() {
    if (!M.url) return null;
    // As atlas::share writes the QR codes' links: the address as given, then the fragment.
    const address = M.url + (location.hash.length > 1 ? location.hash : '');
    return h('p', { class: 'small share' }, w('link') + ': ', h('a', { href: address }, address));
  }

  function show(id) {
    showNodes(id && M.features[id] ? feature(id) : overview());
  }

  function showNodes(nodes) {
    const panel = document.getElementById('panel-body');
    panel.replaceChildren.apply(panel, nodes.concat([shareLine()]).filter(Boolean));
    panel.scrollTop = 0;
  }

  // The article, its quoted words marked; focus returns to the chip that opened it.
  let opener = null;
  function openArticle(factId, from) {
    const fact = M.facts[factId];
    const a = M.articles[fact.article];
    if (!a) return;
    opener = from || null;
    document.getElementById('article-title').textContent = a.title;
    const meta = [a.publisher, pick(a.date)].filter(Boolean).join(' · ');
    document.getElementById('article-meta').replaceChildren(meta,
      a.own_words ? h('span', { class: 'own' }, ' · ' + w('ownWords')) : '');
    const text = document.getElementById('article-text');
    const t = a.text;
    const marks = [fact.lead_span, fact.span].filter(Boolean).sort(function (x, y) { return x[0] - y[0]; });
    const parts = [];
    let at = 0;
    marks.forEach(function (s) {
      if (s[0] < at) return;
      parts.push(t.slice(at, s[0]), h('mark', null, t.slice(s[0], s[1])));
      at = s[1];
    });
    parts.push(t.slice(at));
    text.replaceChildren.apply(text, parts);
    const dialog = document.getElementById('article');
    dialog.hidden = false;
    document.getElementById('article-close').focus();
    const mark = text.querySelector('mark:last-of-type');
    if (mark) mark.scrollIntoView({ block: 'center' });
  }

  function closeArticle() {
    document.getElementById('article').hidden = true;
    if (opener && document.body.contains(opener)) opener.focus();
  }

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/đ/g, 'd').replace(/[–—]/g, '-');
  }

  // Features first, names that start with the query before names that contain it; then
  // the 2025 units and the earlier communes.
  function search(query, limit) {
    const q = fold(query.trim());
    if (!q) return [];
    const score = function (s) { const i = s.indexOf(q); return i < 0 ? -1 : (i === 0 || s[i - 1] === ' ' ? 0 : 1); };
    const hits = [];
    M.order.forEach(function (id) {
      const f = M.features[id];
      const s = score(f.search);
      if (s >= 0) hits.push({ rank: s, feature: id, name: f.name[lang], kind: pick(f.kind) });
    });
    M.places.forEach(function (p) {
      const s = score(p.search);
      if (s >= 0) hits.push({ rank: 2 + s, place: p, name: p.name, kind: p.unit ? '2025' : (p.district || '') });
    });
    hits.sort(function (a, b) { return a.rank - b.rank; });
    return hits.slice(0, limit);
  }

  return {
    show: show, showNodes: showNodes, h: h, chip: chip, pick: pick, w: w, search: search, fold: fold,
    openArticle: openArticle, closeArticle: closeArticle,
    setLang: function (l) { lang = l; },
    on: function (hs) { handlers = hs; },
  };
})();
