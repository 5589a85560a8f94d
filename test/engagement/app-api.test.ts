/**
 * The app API implementation over a real engagement file: the demo organization opened as an
 * operation, the inventory queried with facets, an agent in full, triage kept across reopening,
 * a second scan with its diff and dashboard change, settings, and an HTML export.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserHost, type BrowserHost } from '../../cli/serve/browser-host';
import { AppApi } from '../../engagement/api';
import { appAssessment, createAppExporter } from '../../engagement/app-services';
import type { OperationState } from '../../model/api';

const SIZE = 200;

describe('AppApi on the demo engagement', () => {
  let dir: string;
  let file: string;
  let host: BrowserHost;
  let api: AppApi;
  /** Identities of the demo scan, as the open operation reported them. */
  let identities = 0;

  const newApi = () =>
    new AppApi({ host, assessment: appAssessment, assessmentAvailable: true, exporter: createAppExporter() });

  async function finish(operationId: string): Promise<OperationState> {
    for (;;) {
      const state = await api.getOperation({ operationId });
      if (state.status !== 'running') return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-app-api-'));
    file = nodePath.join(dir, 'demo.anchor');
    host = createBrowserHost(file, { actor: 'consultant' });
    api = newApi();
  });

  afterAll(async () => {
    await api?.close();
    host?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no engagement and says where one would be created', async () => {
    const session = await api.getSession();
    expect(session).toMatchObject({
      host: 'browser',
      canChooseFiles: false,
      servedFile: file,
      servedFileMissing: true,
      recent: [],
      features: { assess: true, triage: true, rememberSecrets: false },
    });
    expect(session.engagement).toBeUndefined();
    await expect(api.getSummary()).rejects.toThrow('no engagement is open');
    // A browser host opens only the served file, never a path a page names.
    await expect(api.openEngagement({ file: '/etc/passwd' })).rejects.toThrow('recent list');
  });

  it('opens the demo as an operation with progress, assessed', async () => {
    const { operationId } = await api.openDemo({ size: SIZE });
    const state = await finish(operationId);
    expect(state.status).toBe('succeeded');
    expect(state.result).toMatchObject({ scanId: 1, scanStatus: 'complete' });
    identities = state.result?.identities ?? 0;
    // The generator rounds to whole accounts and tenants: close to, not exactly, the size asked.
    expect(Math.abs(identities - SIZE)).toBeLessThan(SIZE / 10);
    expect(state.result?.findings).toBeGreaterThan(0);
    expect(state.sources.map((s) => s.key)).toEqual(expect.arrayContaining(['generate', 'store']));
    const session = await api.getSession();
    expect(session.engagement).toMatchObject({ file, clientName: 'Northwind Robotics (demo)', scanCount: 1 });
    expect(session.servedFileMissing).toBe(false);
    // The file exists now: creating or writing the demo over it is refused.
    await expect(api.createEngagement({ clientName: 'Other' })).rejects.toThrow('already exists');
  });

  it('lists identities with facet counts that match the filtered totals', async () => {
    const all = await api.listIdentities({ facets: true, limit: 500 });
    expect(all.total).toBe(identities);
    expect(all.rows).toHaveLength(identities);
    const facets = all.facets;
    if (!facets) throw new Error('no facet counts');
    for (const facet of ['provider', 'agent', 'severity', 'owner'] as const) {
      expect(facets[facet].reduce((sum, f) => sum + f.count, 0)).toBe(all.total);
    }
    const agentCount = facets.agent.find((f) => f.value === 'yes')?.count ?? 0;
    expect(agentCount).toBeGreaterThan(0);
    const agents = await api.listIdentities({ agent: ['yes'], limit: 500 });
    expect(agents.total).toBe(agentCount);
    expect(agents.rows.every((r) => r.agent === 'yes')).toBe(true);
    const scored = await api.listIdentities({ sort: 'score', descending: true, limit: 20 });
    const scores = scored.rows.map((r) => r.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const bedrock = await api.listIdentities({ search: 'BEDROCK' });
    expect(bedrock.total).toBeGreaterThan(0);
    expect(bedrock.total).toBeLessThan(all.total);
  });

  it('shows an agent with its evidence, credentials, findings and history', async () => {
    const [agent] = (await api.listIdentities({ agent: ['yes'], sort: 'score', descending: true, limit: 1 }))
      .rows;
    if (!agent) throw new Error('the demo has no agent');
    const detail = await api.getIdentity({ id: agent.id });
    expect(detail.identity.id).toBe(agent.id);
    expect(detail.classification?.agent).toBe('yes');
    expect(
      detail.classification?.signals.some((s) => s.strength === 'strong' || s.strength === 'medium'),
    ).toBe(true);
    expect(detail.findings.length).toBe(agent.findingCount);
    expect(detail.score).toBe(agent.score);
    expect(detail.scoreFactors.map((f) => f.factor)).toEqual([
      'privilege',
      'credentials',
      'activity',
      'ownership',
      'exposure',
    ]);
    expect(detail.history).toEqual([expect.objectContaining({ scanId: 1, present: true })]);
    for (const credential of detail.credentials) {
      if (credential.createdAt) expect(credential.ageDays).toBeGreaterThanOrEqual(0);
    }
    await expect(api.getIdentity({ id: 'aws:arn:aws:iam::000000000000:role/none' })).rejects.toThrow(
      'holds no identity',
    );
  });

  it('groups findings by rule and keeps triage after the file is reopened', async () => {
    const groups = await api.listFindingGroups({});
    expect(groups.assessed).toBe(true);
    expect(groups.groups.reduce((sum, g) => sum + g.count, 0)).toBe(groups.total);
    const rule = groups.groups[0];
    if (!rule) throw new Error('no findings');
    const page = await api.listFindings({ ruleId: rule.ruleId, limit: 2 });
    const keys = page.rows.map((r) => r.key);
    expect(
      await api.setTriage({ keys, status: 'false-positive', note: 'Test tenant, not production' }),
    ).toEqual({
      updated: keys.length,
    });
    // Without a note, a status change keeps the note.
    await api.setTriage({ keys: keys.slice(0, 1), status: 'accepted-risk' });

    await api.close();
    api = newApi();
    api.open(file);
    const again = await api.listFindings({ ruleId: rule.ruleId, limit: 2 });
    expect(again.rows.map((r) => [r.key, r.triage?.status, r.triage?.note, r.triage?.author])).toEqual([
      [keys[0], 'accepted-risk', 'Test tenant, not production', 'consultant'],
      ...(keys[1] ? [[keys[1], 'false-positive', 'Test tenant, not production', 'consultant']] : []),
    ]);
    const open = await api.listFindings({ ruleId: rule.ruleId, status: ['open'], limit: 500 });
    expect(open.rows.some((r) => keys.includes(r.key))).toBe(false);
  });

  it('scans the demo organization, with progress per account, and diffs the two scans', async () => {
    const { operationId } = await api.startScan({ sources: { demo: { size: SIZE } }, label: 'Second look' });
    await expect(api.closeEngagement()).rejects.toThrow('while a scan or export is running');
    const state = await finish(operationId);
    expect(state.status).toBe('succeeded');
    const aws = state.sources.find((s) => s.key === 'demo-aws');
    expect(aws?.accounts.length).toBeGreaterThanOrEqual(3);
    expect(aws?.accounts.every((a) => a.state === 'done')).toBe(true);
    expect(state.sources.find((s) => s.key === 'demo-entra')?.accounts).toHaveLength(1);
    expect(state.result?.scanId).toBe(2);
    const diff = await api.diffScans({});
    expect(diff).toMatchObject({ fromScanId: 1, toScanId: 2 });
    expect(diff.counts.findingsNew).toBeDefined();
    expect(diff.kpis.map((k) => k.id)).toEqual([
      'attack-success-rate',
      'containment-ratio',
      'delegation-integrity',
      'revocation-latency',
    ]);
    const dashboard = await api.getDashboard({});
    expect(dashboard.scanId).toBe(2);
    expect(dashboard.change).toMatchObject({ previousScanId: 1 });
    expect(dashboard.kpis.every((k) => k.postureMeasure)).toBe(true);
    expect(dashboard.findingsBySeverity.reduce((s, f) => s + f.count, 0)).toBeGreaterThan(0);
    // Triage made on scan 1 carries over to the same finding keys in scan 2.
    const triaged = (await api.listFindings({ status: ['false-positive', 'accepted-risk'], limit: 500 }))
      .rows;
    expect(triaged.length).toBeGreaterThan(0);
  });

  it('keeps what a cancelled scan read, as a partial scan', async () => {
    // Slow emulators, so the scan is still reading when it is cancelled.
    const { operationId } = await api.startScan({ sources: { demo: { size: SIZE, latencyMs: 40 } } });
    for (;;) {
      const state = await api.getOperation({ operationId });
      if (state.sources.some((s) => s.key === 'demo-aws' && s.accounts.length > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await api.cancelOperation({ operationId });
    const state = await finish(operationId);
    expect(state.status).toBe('cancelled');
    expect(state.result).toMatchObject({ scanId: 3, scanStatus: 'partial' });
    const summary = await api.getSummary();
    expect(summary.scans.map((s) => [s.id, s.status])).toEqual([
      [1, 'complete'],
      [2, 'complete'],
      [3, 'partial'],
    ]);
    expect(summary.scans[2]?.label).toMatch(/cancelled/);
  });

  it('saves settings, branding and suppressions', async () => {
    const saved = await api.saveSettings({
      thresholds: { keyMaxAgeDays: 60 },
      weights: { agentMultiplier: 2 },
      branding: { consultancy: 'Blue Harbor Security', clientName: '' },
    });
    expect(saved.thresholds.keyMaxAgeDays).toBe(60);
    expect(saved.thresholds.keyUnusedDays).toBe(45);
    expect(saved.weights.agentMultiplier).toBe(2);
    expect(saved.branding).toEqual({ consultancy: 'Blue Harbor Security' });
    const withSuppression = await api.addSuppression({
      scope: 'rule',
      value: 'AA-LIFE-DORMANT-001',
      reason: 'Lab accounts',
    });
    expect(withSuppression.suppressions).toEqual([
      expect.objectContaining({
        scope: 'rule',
        value: 'AA-LIFE-DORMANT-001',
        reason: 'Lab accounts',
        author: 'consultant',
        expired: false,
      }),
    ]);
    const id = withSuppression.suppressions[0]?.id ?? '';
    expect((await api.removeSuppression({ id })).suppressions).toEqual([]);
  });

  it('exports HTML to a file the browser host can hand out', async () => {
    const start = await api.startExport({ format: 'html', variant: 'executive' });
    expect(start.cancelled).toBe(false);
    const state = await finish(start.operationId ?? '');
    expect(state.status).toBe('succeeded');
    expect(state.result?.export).toMatchObject({
      format: 'html',
      fileName: 'Northwind Robotics (demo) agent assessment scan 3 (executive).html',
      downloadable: true,
    });
    const target = api.operationAttachment(start.operationId ?? '') as { path: string };
    expect(existsSync(target.path)).toBe(true);
    const html = readFileSync(target.path, 'utf8');
    expect(html.slice(0, 200).toLowerCase()).toContain('<!doctype html');
    expect(html).toContain('Blue Harbor Security');
  });

  it('describes the read-only permissions of each source', async () => {
    const aws = await api.getPermissions({ provider: 'aws' });
    const policy = JSON.parse(aws.text) as { Statement: { Action: string[] }[] };
    expect(policy.Statement[0]?.Action).toContain('iam:GetAccountAuthorizationDetails');
    expect(policy.Statement[0]?.Action.some((a) => /:(Put|Create|Delete|Update|Attach)/.test(a))).toBe(false);
    const caller = await api.getPermissions({ provider: 'aws', orgCaller: true });
    expect(caller.text).toContain('organizations:ListAccounts');
    const entra = await api.getPermissions({ provider: 'entra' });
    expect(entra.format).toBe('text');
    expect(entra.text).toContain('Application.Read.All');
  });

  it('reports a connection that cannot be made as a failed test, not an error', async () => {
    const result = await api.testConnection({
      source: { aws: { mode: 'profile', profile: 'agent-anchor-no-such-profile' } },
    });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/agent-anchor-no-such-profile|profile/i);
  });
});
