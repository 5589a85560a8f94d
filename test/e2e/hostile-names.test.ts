/**
 * Names from a tenant are data, never code: an engagement whose application names hold markup,
 * script, event handlers and template syntax is shown in the browser as text, and nothing in them
 * runs (no dialog, no script, no injected element, no CSP violation, the page title untouched).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostileEngagement, HOSTILE_CLIENT as CLIENT, HOSTILE_NAMES } from './hostile-engagement';
import { ensureRendererBuilt, launchBrowser, screenshotPath, startServe, type Served } from './serve-helpers';

describe('hostile identity names in the browser', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const events: string[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-e2e-hostile-'));
    const file = nodePath.join(dir, 'hostile.anchor');
    await createHostileEngagement(file, nodePath.join(dir, 'raw'));
    served = await startServe(file);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (dialog) => {
      events.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => events.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') events.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective}`);
      });
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function assertNothingRan(target: Page): Promise<void> {
    const state = await target.evaluate(() => ({
      title: document.title,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      images: document.querySelectorAll('img[src="x"]').length,
      svgHandlers: document.querySelectorAll('svg[onload]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('pwned'))
        .length,
      bold: document.querySelectorAll('#content b').length,
    }));
    // The title shows the hostile client name as text; a payload that ran would have replaced it.
    expect(state).toEqual({
      title: `${CLIENT} – Agent Anchor`,
      pwned: undefined,
      images: 0,
      svgHandlers: 0,
      scripts: 0,
      bold: 0,
    });
  }

  it('lists the names as text in the inventory, and runs nothing', async () => {
    await page.goto(`${served.url}&view=inventory&provider=entra`);
    await page.locator('.grid-row').first().waitFor();
    const search = page.getByLabel('Search identities');
    const probes = ['pwned-img', 'pwned-script', "__pwned='svg'", 'constructor.constructor'];
    for (const [i, probe] of probes.entries()) {
      await search.fill(probe);
      // The application and its service principal carry the name: both rows show it verbatim.
      await expect
        .poll(() => page.locator('.grid-row [role=gridcell].name').allTextContents())
        .toEqual([HOSTILE_NAMES[i], HOSTILE_NAMES[i]]);
    }
    await expect(page.locator('.topbar .engagement').textContent()).resolves.toBe(CLIENT);
    await search.fill('pwned-img');
    // The search is debounced: wait for the grid to show the rows it asked for before going on.
    await expect
      .poll(() => page.locator('.grid-row [role=gridcell].name').allTextContents())
      .toEqual([HOSTILE_NAMES[0], HOSTILE_NAMES[0]]);
    await page.screenshot({ path: screenshotPath('20-hostile-inventory') });
    await assertNothingRan(page);
  });

  it('shows one of them in full, and its findings, as text', async () => {
    await page.locator('.grid-row').first().click();
    await page.getByRole('heading', { name: 'Agent evidence' }).waitFor();
    await assertNothingRan(page);
    await expect(page.locator('h1.identity-name').textContent()).resolves.toBe(HOSTILE_NAMES[0]);
    await page.setViewportSize({ width: 1400, height: 2000 });
    await page.screenshot({ path: screenshotPath('21-hostile-identity') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('button.rule').first().waitFor();
    const totals = page.locator('.rule-list > p');
    const before = await totals.textContent();
    await page.getByLabel('Search findings').fill('pwned');
    await expect.poll(() => totals.textContent()).not.toBe(before);
    await page.locator('button.rule').first().click();
    await page.locator('.finding-row').first().waitFor();
    const messages = await page.locator('.finding-row .finding p').allTextContents();
    expect(messages.some((m) => m.includes('<') && m.includes('pwned'))).toBe(true);
    await page.screenshot({ path: screenshotPath('22-hostile-findings') });
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.kpi').first().waitFor();
    await assertNothingRan(page);
    expect(events).toEqual([]);
  });
});
