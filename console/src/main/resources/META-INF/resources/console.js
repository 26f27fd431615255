// Otter console: the live crash-rate chart of a rollout page (uPlot). Polls the page's health JSON
// and draws, per variant, the crash rate and its 95 % interval as a band, with the guard's threshold
// and the baseline's rate on the same axes. Everything else on the pages works without script.
(function () {
  'use strict';
  // The share control says how much traffic a new share means, scaled from the cohort's sessions now.
  const share = document.getElementById('percentage');
  const estimate = document.getElementById('share-estimate');
  if (share && estimate && Number(share.dataset.share) > 0) {
    share.addEventListener('input', () => {
      const next = Number(share.value);
      const sessions = Math.round(Number(share.dataset.sessions) * next / Number(share.dataset.share));
      estimate.textContent = 'Now ' + share.dataset.share + ' % of devices: ' + share.dataset.sessions
        + ' sessions in the guard\'s window; at ' + next + ' % about ' + sessions + '.';
    });
  }
})();

(function () {
  'use strict';
  const el = document.getElementById('chart');
  if (!el || !window.uPlot) {
    return;
  }
  const url = el.dataset.healthUrl;
  const every = (Number(el.dataset.refresh) || 3) * 1000;
  const palette = ['#0b57d0', '#8a4b00', '#6a1b9a', '#00796b'];
  const xs = [];
  const threshold = [];
  const baseline = [];
  const series = new Map(); // variant -> {rate: [], lower: [], upper: []}
  let plot = null;
  let names = '';

  function pct(x) {
    return x == null ? null : Math.round(x * 10000) / 100;
  }

  function record(h) {
    xs.push(Date.parse(h.at) / 1000);
    threshold.push(h.guard ? pct(h.guard.crash_rate_threshold) : null);
    baseline.push(h.baseline && h.baseline.sessions > 0 ? pct(h.baseline.rate) : null);
    const seen = new Set();
    for (const v of h.variants || []) {
      if (!series.has(v.variant)) {
        series.set(v.variant, { rate: xs.slice(1).map(() => null), lower: xs.slice(1).map(() => null), upper: xs.slice(1).map(() => null) });
      }
      const s = series.get(v.variant);
      // No sessions yet: no rate, and an interval of 0-100 % that would flatten everything else.
      const seen0 = v.sessions > 0;
      s.rate.push(seen0 ? pct(v.rate) : null);
      s.lower.push(seen0 ? pct(v.lower_bound) : null);
      s.upper.push(seen0 ? pct(v.upper_bound) : null);
      seen.add(v.variant);
    }
    for (const [name, s] of series) {
      if (!seen.has(name)) {
        s.rate.push(null); s.lower.push(null); s.upper.push(null);
      }
    }
  }

  function options() {
    const config = [{}, { label: 'threshold %', stroke: '#b3261e', dash: [6, 4], width: 2 },
      { label: 'baseline %', stroke: '#767676', width: 2 }];
    const bands = [];
    let i = 0;
    for (const name of series.keys()) {
      const color = palette[i++ % palette.length];
      const base = config.length;
      config.push({ label: name + ' crash rate %', stroke: color, width: 2 });
      config.push({ label: name + ' lower', stroke: color, width: 1, dash: [2, 3] });
      config.push({ label: name + ' upper', stroke: color, width: 1, dash: [2, 3] });
      bands.push({ series: [base + 2, base + 1], fill: color + '22' });
    }
    return {
      width: Math.max(320, el.clientWidth - 2), height: 300, series: config, bands: bands,
      // The y axis fits the threshold, the baseline and the rates; a wide upper bound is cut at the top.
      scales: { x: { time: true }, y: { range: () => [0, yMax()] } },
      axes: [{}, { label: 'crashes per 100 sessions' }],
    };
  }

  function yMax() {
    let max = 1;
    const consider = (values, factor) => values.forEach((x) => { if (x != null) max = Math.max(max, x * factor); });
    consider(threshold, 2);
    consider(baseline, 1.5);
    for (const s of series.values()) {
      consider(s.rate, 1.5);
      consider(s.lower, 1.5);
    }
    return Math.ceil(max);
  }

  function columns() {
    const data = [xs, threshold, baseline];
    for (const s of series.values()) {
      data.push(s.rate, s.lower, s.upper);
    }
    return data;
  }

  function draw() {
    const now = Array.from(series.keys()).join(',');
    if (!plot || now !== names) {
      if (plot) {
        plot.destroy();
      }
      names = now;
      plot = new uPlot(options(), columns(), el);
    } else {
      plot.setData(columns());
    }
    el.dataset.points = String(xs.length);
  }

  async function tick() {
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) {
        const health = await response.json();
        record(health);
        el.dataset.sessions = String((health.variants || []).reduce((sum, v) => sum + v.sessions, 0));
        draw();
      }
    } catch (e) {
      // The next tick retries; the panel below says when health cannot be read.
    }
    setTimeout(tick, every);
  }

  tick();
  window.addEventListener('resize', () => plot && plot.setSize({ width: Math.max(320, el.clientWidth - 2), height: 300 }));
})();
