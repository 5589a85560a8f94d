/**
 * The consultant's day in a browser, against the real `agent-anchor serve` and the Debian Chromium:
 * create an engagement, scan the demo organization while watching its progress, filter the
 * inventory, open an agent, triage a finding and find it triaged after a reload, export a PDF.
 * Screenshots of every screen go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, launchBrowser, screenshotPath, startServe, type Served } from './serve-helpers';

const CLIENT = 'Contoso Pharma';

describe('the app in a browser (agent-anchor serve)', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-e2e-'));
    // A few milliseconds per emulated call, so the scan runs long enough to be watched.
    served = await startServe(nodePath.join(dir, 'contoso.anchor'), ['--demo-latency', '4']);
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates an engagement from the start screen', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: 'Engagements' }).waitFor();
    await page.screenshot({ path: screenshotPath('01-start') });
    await page.getByLabel('Client name').fill(CLIENT);
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.getByRole('heading', { name: 'Connect sources and scan' }).waitFor();
    await expect(page.locator('.topbar .engagement').textContent()).resolves.toBe(CLIENT);
    await page.locator('details.permissions summary').first().click();
    await page.locator('details.permissions pre').first().waitFor();
    // The AWS permissions are the policy document `agent-anchor permissions aws` prints.
    const policy = JSON.parse(
      (await page.locator('details.permissions pre').first().textContent()) ?? '{}',
    ) as {
      Statement: { Action: string[] }[];
    };
    expect(policy.Statement[0]?.Action).toContain('iam:GetAccountAuthorizationDetails');
    expect(policy.Statement[0]?.Action.every((a) => /:(Get|List|Describe|Generate)/.test(a))).toBe(true);
    await page.screenshot({ path: screenshotPath('02-connect'), fullPage: true });
  });

  it('scans the demo organization with live progress per source and account', async () => {
    await expect(page.getByLabel('Include the demo').isChecked()).resolves.toBe(true);
    await page.getByRole('spinbutton', { name: 'Identities' }).fill('300');
    await page.getByLabel('Scan label (optional)').fill('Demo scan for the e2e test');
    await page.getByRole('button', { name: 'Start scan' }).click();
    await page.getByRole('heading', { name: 'Scan', exact: true }).waitFor();
    // While it runs: the status says so and accounts appear with their phase.
    await page.locator('.status-running').waitFor();
    await page.locator('table.accounts tbody tr').first().waitFor();
    const seenRunning = await page.locator('.status-running').count();
    await page.screenshot({ path: screenshotPath('03-scan-running') });
    await page.getByRole('button', { name: 'Open the dashboard' }).waitFor({ timeout: 120_000 });
    expect(seenRunning).toBe(1);
    const sources = await page.locator('.source-line strong').allTextContents();
    expect(sources).toEqual(
      expect.arrayContaining([
        'Demo organization: AWS',
        'Demo organization: Entra ID',
        'Saving to the engagement file',
      ]),
    );
    // Every AWS account of the demo organization ended done.
    const states = await page.locator('table.accounts tbody tr td:last-child').allTextContents();
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(states.every((s) => s === 'done')).toBe(true);
    await expect(page.locator('.card.done').textContent()).resolves.toMatch(
      /Scan 1 stored \(complete\): 300 identities, \d+ findings/,
    );
    await page.screenshot({ path: screenshotPath('04-scan-finished') });
  });

  it('shows the dashboard with the KPIs as posture measures', async () => {
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('.kpi').first().waitFor();
    const labels = await page.locator('.kpi h2').allTextContents();
    expect(labels).toEqual([
      'posture Attack Success Rate',
      'Containment Ratio',
      'Delegation Integrity Score',
      'Revocation latency (proxy)',
    ]);
    expect(await page.locator('.kpi .posture').count()).toBe(4);
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.chart').count()).toBe(4);
    await page.setViewportSize({ width: 1400, height: 1700 });
    await page.screenshot({ path: screenshotPath('05-dashboard') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('filters the inventory by facet and by search, in the backend', async () => {
    await page.getByRole('link', { name: 'Inventory' }).click();
    const count = page.getByTestId('result-count');
    await expect.poll(() => count.textContent()).toBe('300 of 300 identities');
    const agentFacet = page.locator('.facet-value', { has: page.locator('label', { hasText: /^Agent$/ }) });
    const agents = Number(await agentFacet.locator('.count').textContent());
    expect(agents).toBeGreaterThan(0);
    await agentFacet.locator('input').check();
    await expect.poll(() => count.textContent()).toBe(`${agents} of 300 identities`);
    const badges = await page.locator('.grid-row [role=gridcell] .badge.agent-yes').count();
    expect(badges).toBe(Math.min(agents, await page.locator('.grid-row').count()));
    // The filter is in the URL: a reload keeps it.
    expect(new URL(page.url()).hash).toContain('agent=yes');
    await page.screenshot({ path: screenshotPath('06-inventory-agents') });

    await page.getByLabel('Search identities').fill('bedrock');
    await expect.poll(() => count.textContent()).not.toBe(`${agents} of 300 identities`);
    const names = await page.locator('.grid-row [role=gridcell].name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    // Search also matches ARNs and owners, so check the row's id (its title) too.
    const titles = await page
      .locator('.grid-row [role=gridcell].name')
      .evaluateAll((cells) =>
        cells.map((c) => `${c.textContent ?? ''} ${c.getAttribute('title') ?? ''}`.toLowerCase()),
      );
    expect(titles.every((t) => t.includes('bedrock'))).toBe(true);
    await page.getByLabel('Search identities').fill('');
    await expect.poll(() => count.textContent()).toBe(`${agents} of 300 identities`);
  });

  it('opens an agent with its evidence, credentials and permissions', async () => {
    // Keyboard: focus the grid, move down one row and back, open with Enter.
    await page.getByRole('grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Agent evidence' }).waitFor();
    await expect(page.locator('.identity-head .badge.agent-yes').count()).resolves.toBe(1);
    expect(await page.locator('.signals li').count()).toBeGreaterThan(0);
    for (const heading of ['Permissions', 'Trust and delegation', 'History across scans']) {
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    await page.setViewportSize({ width: 1400, height: 2400 });
    await page.screenshot({ path: screenshotPath('07-identity-agent') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('triages a finding, and the decision is still there after a reload', async () => {
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('button.rule').first().click();
    const first = page.locator('.finding-row').first();
    await first.waitFor();
    const identity = await first.locator('button.link').first().textContent();
    await first.getByLabel('Triage').selectOption('accepted-risk');
    await first.getByLabel('Note').fill('Accepted by the CISO until the Q3 redesign');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => first.locator('.triage-status').textContent()).toBe('Accepted risk');
    await page.screenshot({ path: screenshotPath('08-findings-triaged') });

    await page.reload();
    const again = page
      .locator('.finding-row', { has: page.getByRole('button', { name: identity ?? '' }) })
      .first();
    await again.waitFor();
    await expect(again.locator('.triage-status').textContent()).resolves.toBe('Accepted risk');
    await expect(again.getByLabel('Note').inputValue()).resolves.toBe(
      'Accepted by the CISO until the Q3 redesign',
    );
    await expect(again.getByLabel('Triage').inputValue()).resolves.toBe('accepted-risk');
  });

  it('exports the PDF report as a download', async () => {
    await page.getByRole('link', { name: 'Exports' }).click();
    const downloading = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByRole('button', { name: 'Download PDF' }).click();
    await page.locator('.operation').waitFor();
    await page.screenshot({ path: screenshotPath('09-export-running') });
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${CLIENT} agent assessment scan 1 (full).pdf`);
    const file = nodePath.join(dir, 'report.pdf');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(file).size).toBeGreaterThan(20_000);
    await page.locator('p.ok', { hasText: 'Downloaded' }).waitFor();
    await page.screenshot({ path: screenshotPath('10-export-done') });
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(CLIENT);
    }
  });

  it('shows the remaining screens in both themes without a page error', async () => {
    await page.getByRole('link', { name: 'Scan diff' }).click();
    await page.getByText('A diff needs two scans').waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Report branding' }).waitFor();
    await page.setViewportSize({ width: 1400, height: 1300 });
    await page.screenshot({ path: screenshotPath('11-settings') });
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.chart canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('12-dashboard-dark') });
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.locator('.grid-row').first().waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: screenshotPath('13-inventory-dark') });
    expect(problems).toEqual([]);
  });
});
