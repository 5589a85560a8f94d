/**
 * Benchmark task: the inventory screen of a `size`-identity engagement in Chromium, served by the
 * real `agent-anchor serve`. With `prepare`, builds the engagement (demo files, import, assessment;
 * not measured) in .bench-tmp/ui. Otherwise measures, in the page's own clock:
 *
 *   first render   navigation start -> the first rows of the grid and the result count painted
 *                  (HTML, scripts, session, summary and the first block with facet counts), median
 *                  of several loads; serve builds the scan's index before printing its URL, and
 *                  that one-time cost is reported apart (`indexBuildSeconds`)
 *   filter         facet checkbox clicked -> the new result count painted, over a fixed sequence of
 *                  facet changes (median, p95, max)
 *   search         the last keystroke of a search -> result painted (includes the 120 ms debounce)
 */
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoEngagement } from '../../engagement/demo';
import { ensureRendererBuilt, launchBrowser, startServe } from '../../test/e2e/serve-helpers';
import { reportTask } from '../measure';

const params = JSON.parse(process.argv[2] ?? '{}') as { size: number; prepare?: number; loads?: number };
const dir = fileURLToPath(new URL('../../.bench-tmp/ui/', import.meta.url));
const file = join(dir, `demo-${params.size}.anchor`);

/** Runs in the page: clicks `selector`, resolves with the ms until the result count changed and painted. */
const MEASURE_SCRIPT = `
window.__aaMeasure = function (action) {
  return new Promise(function (resolve) {
    var count = document.querySelector('[data-testid=result-count]');
    var before = count ? count.textContent : '';
    var t0 = performance.now();
    var timer = setTimeout(function () { observer.disconnect(); resolve(-1); }, 10000);
    var observer = new MutationObserver(function () {
      if (count.textContent === before) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(function () { setTimeout(function () { resolve(performance.now() - t0); }, 0); });
    });
    observer.observe(count, { childList: true, characterData: true, subtree: true });
    performance.clearResourceTimings();
    action();
  });
};
window.__aaFirstRender = function () {
  return new Promise(function (resolve) {
    function done() {
      var count = document.querySelector('[data-testid=result-count]');
      var row = document.querySelector('.grid-row [role=gridcell]');
      return count && /of [0-9,]+ identities/.test(count.textContent || '') && row && row.textContent;
    }
    if (done()) return resolve(performance.now());
    var observer = new MutationObserver(function () {
      if (!done()) return;
      observer.disconnect();
      requestAnimationFrame(function () { setTimeout(function () { resolve(performance.now()); }, 0); });
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });
};
`;

/** Facet changes in order (checked, then unchecked): each changes the result count. */
const FACET_STEPS = [
  'facet-agent-yes',
  'facet-provider-aws',
  'facet-provider-aws',
  'facet-severity-high',
  'facet-agent-yes',
  'facet-owner-no-owner',
  'facet-severity-high',
  'facet-kind-entra-service-principal',
  'facet-owner-no-owner',
  'facet-credential-client-secret',
  'facet-kind-entra-service-principal',
  'facet-credential-client-secret',
];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))] ?? Number.NaN;
}

function peakRssMB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function measure(): Promise<void> {
  await ensureRendererBuilt();
  const served = await startServe(file);
  const browser = await launchBrowser();
  try {
    // serve builds the scan's identity index before it prints the URL: that time is reported apart.
    const t0 = performance.now();
    const first = await fetch(`${served.origin}/api/listIdentities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ limit: 1 }),
    });
    const { value } = (await first.json()) as { value: { all: number } };
    const firstCallSeconds = (performance.now() - t0) / 1000;
    const indexBuildSeconds = Number(/index ready in ([\d.]+) s/.exec(served.stderr())?.[1] ?? 0);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript({ content: MEASURE_SCRIPT });
    const loads: number[] = [];
    for (let i = 0; i < (params.loads ?? 5); i += 1) {
      // A fresh document each time: about:blank in between, so the hash change is a real load.
      await page.goto('about:blank');
      await page.goto(`${served.url}&view=inventory`);
      loads.push((await page.evaluate('window.__aaFirstRender()')) as number);
    }

    const filters: number[] = [];
    const requests: number[] = [];
    for (const id of FACET_STEPS) {
      const ms = (await page.evaluate(
        `window.__aaMeasure(function () { document.getElementById(${JSON.stringify(id)}).click(); })`,
      )) as number;
      if (ms < 0) throw new Error(`clicking ${id} did not change the result count`);
      filters.push(ms);
      // The API round trip (server query + transport) inside that time, from the page's resource timing.
      const request = (await page.evaluate(
        `(performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/api/listIdentities') >= 0; })[0] || { duration: -1 }).duration`,
      )) as number;
      if (request >= 0) requests.push(request);
    }

    const searches: number[] = [];
    const setSearch = (text: string) => `window.__aaMeasure(function () {
      var input = document.querySelector('input[type=search]');
      var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(input, ${JSON.stringify(text)});
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })`;
    for (const text of ['bedrock', 'agent', 'sync']) {
      const ms = (await page.evaluate(setSearch(text))) as number;
      if (ms < 0) throw new Error(`searching ${text} did not change the result count`);
      searches.push(ms);
      await page.evaluate(setSearch(''));
    }

    const firstRender = percentile(loads, 0.5) / 1000;
    reportTask({
      seconds: firstRender,
      rows: value.all,
      extra: {
        firstRenderMinSeconds: Math.min(...loads) / 1000,
        firstRenderMaxSeconds: Math.max(...loads) / 1000,
        indexBuildSeconds,
        firstCallSeconds,
        filterMedianMs: Math.round(percentile(filters, 0.5)),
        filterP95Ms: Math.round(percentile(filters, 0.95)),
        filterMaxMs: Math.round(Math.max(...filters)),
        filterSamples: filters.length,
        filterRequestMedianMs: Math.round(percentile(requests, 0.5)),
        searchMedianMsWithDebounce: Math.round(percentile(searches, 0.5)),
        serveRssMB: peakRssMB(served.process.pid),
      },
    });
  } finally {
    await browser.close();
    await served.stop();
  }
}

if (params.prepare) {
  await mkdir(dir, { recursive: true });
  const t0 = performance.now();
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  // Building 100,000 identities takes minutes: an engagement left by an earlier run is reused.
  if (!exists) {
    await createDemoEngagement(file, {
      size: params.size,
      seed: 7,
      now: new Date('2026-11-01T00:00:00Z'),
      actor: 'bench',
    });
  }
  reportTask({ seconds: (performance.now() - t0) / 1000, extra: { reused: exists } });
} else {
  await measure();
}
