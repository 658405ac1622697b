// The page's state and its address: the fragment follows what is shown (#f=<feature id>,
// &lang=en, #tour=<n>&step=<k>, both counted from 1), a pasted link or Back changes the
// page without reloading, and selecting pushes history so Back returns to the last one.
'use strict';

(function () {
  const M = window.ATLAS_MODEL;
  const P = window.AtlasPanel;
  const $ = function (id) { return document.getElementById(id); };
  const UI = {
    title: ['Lạng Sơn · Atlas quy hoạch 2021–2030', 'Lạng Sơn · Provincial plan 2021–2030'],
    tour: ['Chuyến tham quan', 'Tour'],
    prev: ['Bước trước', 'Previous'],
    next: ['Bước sau', 'Next'],
    leave: ['Rời chuyến tham quan', 'Leave the tour'],
    step: ['Bước', 'Step'],
    sources: ['Nguồn', 'Sources'],
    selected: ['Xem đối tượng của bước này', "Open this step's place"],
    sheet: ['Thu gọn / mở bảng', 'Collapse / expand the panel'],
    map: ['Bản đồ quy hoạch tỉnh Lạng Sơn', 'Map of the Lạng Sơn provincial plan'],
    skip: ['Bỏ qua bản đồ, tới bảng thông tin', 'Skip the map, to the panel'],
    otherLang: ['English', 'Tiếng Việt'],
  };
  const state = { f: null, lang: M.lang || 'vi', tour: null, step: null };
  const u = function (key) { return UI[key][state.lang === 'en' ? 1 : 0]; };

  function parse(hash) {
    const out = { f: null, lang: M.lang || 'vi', tour: null, step: null };
    hash.replace(/^#/, '').split('&').forEach(function (part) {
      const kv = part.split('=');
      const v = decodeURIComponent(kv[1] || '');
      if (kv[0] === 'f' && M.features[v]) out.f = v;
      if (kv[0] === 'lang' && (v === 'en' || v === 'vi')) out.lang = v;
      if (kv[0] === 'tour' && /^[0-9]+$/.test(v)) out.tour = parseInt(v, 10);
      if (kv[0] === 'step' && /^[0-9]+$/.test(v)) out.step = parseInt(v, 10);
    });
    if (out.tour !== null && !M.tours[out.tour - 1]) out.tour = null;
    if (out.tour !== null) {
      const n = M.tours[out.tour - 1].steps.length;
      out.step = Math.min(Math.max(out.step || 1, 1), n);
    } else {
      out.step = null;
    }
    return out;
  }

  function build(s) {
    const parts = [];
    if (s.tour !== null) parts.push('tour=' + s.tour, 'step=' + s.step);
    else if (s.f) parts.push('f=' + encodeURIComponent(s.f));
    if (s.lang !== (M.lang || 'vi')) parts.push('lang=' + s.lang);
    return parts.length ? '#' + parts.join('&') : '#';
  }

  function setLangText() {
    document.documentElement.lang = state.lang;
    P.setLang(state.lang);
    AtlasMap.setLang(state.lang);
    document.title = u('title');
    $('title').textContent = u('title');
    $('search').placeholder = P.w('searchShort');
    $('search-label').textContent = P.w('search');
    $('tour-button').textContent = u('tour');
    $('lang-button').textContent = u('otherLang');
    $('lang-button').setAttribute('lang', state.lang === 'en' ? 'vi' : 'en');
    $('sheet-toggle').setAttribute('aria-label', u('sheet'));
    $('skip-link').textContent = u('skip');
    $('article-close').textContent = P.w('close');
    $('map').setAttribute('aria-label', u('map'));
  }

  // Shows `next`: the panel, the map's selection and framing. `frame` is false when the
  // reader moved the map themselves (a click on it) and it should stay where it is.
  let shown = { f: undefined, lang: undefined, tour: undefined, step: undefined };
  function apply(next, frame) {
    const langChanged = next.lang !== shown.lang;
    Object.assign(state, next);
    if (langChanged) setLangText();
    if (state.tour !== null) {
      showStep(frame !== false && (shown.tour !== state.tour || shown.step !== state.step));
    } else {
      AtlasMap.setHighlight([]);
      P.show(state.f);
      AtlasMap.setSelected(state.f);
      if (state.f && frame !== false && state.f !== shown.f) {
        const f = M.features[state.f];
        if (f.bbox) AtlasMap.frame(f.bbox, { maxZoom: f.kind.en === 'District-level unit' ? 11 : 12.5 });
      }
    }
    shown = Object.assign({}, state);
  }

  function go(next, push, frame) {
    const hash = build(next);
    if (push) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
    apply(next, frame);
  }

  function select(id, frame) {
    go({ f: id, lang: state.lang, tour: null, step: null }, true, frame);
  }

  function showStep(fly) {
    const tour = M.tours[state.tour - 1];
    const step = tour.steps[state.step - 1];
    const h = P.h;
    const nodes = [
      h('p', { class: 'muted' }, (tour.name || u('tour')) + ' · ' + u('step') + ' ' + state.step + ' / ' + tour.steps.length),
      h('h2', { id: 'panel-heading' }, P.pick(step.title)),
      h('p', { class: 'caption' }, P.pick(step.caption)),
    ];
    if (step.facts.length) {
      nodes.push(h('h3', null, u('sources')),
        h('ul', { class: 'sources' }, ...P.pick(step.sources).split('\n').map(function (line, i) {
          // The chip names the whole citation and opens the article at the quote.
          return h('li', null, P.chip(step.facts[i], line) || line);
        })));
    }
    const nav = h('div', { class: 'buttons tour-nav' },
      h('button', { type: 'button', id: 'step-prev', disabled: state.step <= 1 ? '' : null,
        onclick: function () { stepBy(-1); } }, '← ' + u('prev')),
      h('button', { type: 'button', id: 'step-next', disabled: state.step >= tour.steps.length ? '' : null,
        onclick: function () { stepBy(1); } }, u('next') + ' →'),
      h('button', { type: 'button', id: 'tour-leave', onclick: leaveTour }, u('leave')));
    nodes.splice(1, 0, nav);
    if (step.selected && M.features[step.selected]) {
      nodes.push(h('button', { type: 'button', class: 'linkish',
        onclick: function () { select(step.selected); } }, u('selected') + ': ' + M.features[step.selected].name[state.lang]));
    }
    P.showNodes(nodes);
    AtlasMap.setSelected(step.selected);
    AtlasMap.setHighlight(step.highlight);
    if (fly && step.bounds) AtlasMap.frame(step.bounds, { cut: step.cut, maxZoom: 14 });
  }

  function stepBy(d) {
    if (state.tour === null) return;
    const n = M.tours[state.tour - 1].steps.length;
    const k = Math.min(Math.max(state.step + d, 1), n);
    if (k !== state.step) go({ f: null, lang: state.lang, tour: state.tour, step: k }, false);
  }

  function leaveTour() {
    go({ f: null, lang: state.lang, tour: null, step: null }, true);
  }

  // Search: a list of buttons under the field; arrows move through it, Enter takes one.
  function renderResults() {
    const list = $('results');
    const hits = P.search($('search').value, 12);
    list.replaceChildren();
    if (!$('search').value.trim()) { list.hidden = true; return; }
    if (!hits.length) list.append(P.h('li', { class: 'muted' }, P.w('noResults')));
    hits.forEach(function (hit) {
      const button = P.h('button', { type: 'button', role: 'option', class: 'result' },
        hit.name, P.h('span', { class: 'small muted' }, ' · ' + hit.kind));
      button.addEventListener('click', function () {
        list.hidden = true;
        $('search').value = '';
        if (hit.feature) select(hit.feature);
        else AtlasMap.flyTo(hit.place.at, 12);
      });
      list.append(P.h('li', null, button));
    });
    list.hidden = false;
  }

  function wire() {
    $('search').addEventListener('input', renderResults);
    $('search').addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'Enter') {
        const first = $('results').querySelector('button');
        if (first) { e.preventDefault(); if (e.key === 'Enter') first.click(); else first.focus(); }
      }
      if (e.key === 'Escape') { $('search').value = ''; renderResults(); }
    });
    $('results').addEventListener('keydown', function (e) {
      const items = Array.from($('results').querySelectorAll('button'));
      const i = items.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? items[i - 1] : $('search')).focus(); }
      if (e.key === 'Escape') { $('results').hidden = true; $('search').focus(); }
    });
    $('lang-button').addEventListener('click', function () {
      go(Object.assign({}, state, { lang: state.lang === 'en' ? 'vi' : 'en' }), false, false);
    });
    $('tour-button').addEventListener('click', function () {
      if (M.tours.length) go({ f: null, lang: state.lang, tour: 1, step: 1 }, true);
    });
    $('tour-button').hidden = !M.tours.length;
    $('article-close').addEventListener('click', P.closeArticle);
    $('article').addEventListener('click', function (e) { if (e.target === $('article')) P.closeArticle(); });
    $('sheet-toggle').addEventListener('click', function () {
      const open = document.body.classList.toggle('sheet-collapsed');
      $('sheet-toggle').setAttribute('aria-expanded', String(!open));
    });
    document.addEventListener('keydown', function (e) {
      if (!$('article').hidden) {
        if (e.key === 'Escape') P.closeArticle();
        // The article is modal: Tab stays between its close button and its text.
        if (e.key === 'Tab') {
          e.preventDefault();
          ($('article-close') === document.activeElement ? $('article-text') : $('article-close')).focus();
        }
        return;
      }
      const typing = /INPUT|TEXTAREA|SELECT/.test((document.activeElement || {}).tagName || '');
      if (typing) return;
      if (state.tour !== null && (e.key === 'ArrowRight' || e.key === 'PageDown')) { e.preventDefault(); stepBy(1); }
      if (state.tour !== null && (e.key === 'ArrowLeft' || e.key === 'PageUp')) { e.preventDefault(); stepBy(-1); }
      if (e.key === 'Escape' && state.tour !== null) leaveTour();
      else if (e.key === 'Escape' && state.f) select(null);
    });
    // A swipe across the panel steps the tour on a phone.
    let touch = null;
    $('panel').addEventListener('touchstart', function (e) {
      touch = e.touches.length === 1 ? [e.touches[0].clientX, e.touches[0].clientY] : null;
    }, { passive: true });
    $('panel').addEventListener('touchend', function (e) {
      if (!touch || state.tour === null) return;
      const t = e.changedTouches[0];
      const dx = t.clientX - touch[0];
      const dy = t.clientY - touch[1];
      if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) stepBy(dx < 0 ? 1 : -1);
      touch = null;
    }, { passive: true });
    const onAddress = function () {
      const next = parse(location.hash);
      if (build(next) !== build(shown)) apply(next);
    };
    window.addEventListener('hashchange', onAddress);
    window.addEventListener('popstate', onAddress);
  }

  // The map keeps the part the reader sees clear of the panel: beside it on a desk, above
  // the bottom sheet on a phone.
  AtlasMap.padding = function () {
    const phone = window.matchMedia('(max-width: 700px)').matches;
    const sheet = $('panel').getBoundingClientRect();
    const bottom = phone && !document.body.classList.contains('sheet-collapsed') ? Math.min(sheet.height, innerHeight * 0.5) : 0;
    return { top: 30, left: 30, right: 30, bottom: 30 + bottom };
  };

  window.atlasTiming = { start: performance.now() };
  const initial = parse(location.hash);
  state.lang = initial.lang;
  const map = AtlasMap.create('map', state.lang, function (id) { select(id, false); });
  map.once('load', function () { window.atlasTiming.load = performance.now(); });
  map.once('idle', function () {
    window.atlasTiming.idle = performance.now();
    document.body.dataset.ready = 'true';
  });
  wire();
  map.once('load', function () { apply(initial); });
  setLangText();
  P.show(null);
})();
