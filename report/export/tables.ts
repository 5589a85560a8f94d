/**
 * The flat tables the CSV and XLSX exports write: one row per identity, agent, credential, finding
 * and framework control, with the same columns in both formats (documented in
 * docs/export-schema.md). Every list is sorted, so the same data gives the same files.
 */
import type { Framework } from '../../model/findings';
import { DAY_MS } from '../../assess/util/time';
import { AGENT_RANK, SEVERITIES, compareText, isAgent } from '../format';
import { buildCompliance } from '../sections/compliance';
import { buildContext, type ReportContext } from '../sections/context';
import type { ReportInput } from '../types';

export type Cell = string | number | boolean | null;

export interface ExportColumn {
  key: string;
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
}

export interface ExportTable {
  name: string;
  columns: ExportColumn[];
  rows: Cell[][];
}

const col = (key: string, width = 14): ExportColumn => ({ key, header: key, width });

function iso(value: string | undefined): string | null {
  return value ?? null;
}

function days(fromIso: string | undefined, toMs: number): number | null {
  if (!fromIso) return null;
  const ms = Date.parse(fromIso);
  return Number.isNaN(ms) ? null : Math.floor((toMs - ms) / DAY_MS);
}

/** Tables share one context: verdicts, scores, triage and counted findings as the report sees them. */
export function exportContext(input: ReportInput): ReportContext {
  return buildContext(input, {
    variant: 'full',
    generatedAt: input.assessment.assessedAt,
    branding: { consultancy: '', clientName: '' },
  });
}

const IDENTITY_COLUMNS: ExportColumn[] = [
  col('id', 40),
  col('provider', 8),
  col('kind', 22),
  col('name', 30),
  col('display_name', 30),
  col('native_id', 50),
  col('account', 16),
  col('enabled', 8),
  col('created_at', 22),
  col('agent', 8),
  col('agent_confidence', 10),
  col('agent_evidence', 50),
  col('provider_managed', 10),
  col('score', 8),
  col('risk_points', 10),
  col('open_findings', 10),
  ...SEVERITIES.map((s) => col(`open_${s}`, 8)),
  col('suppressed_findings', 10),
  col('owners', 40),
  col('credentials', 8),
  col('active_credentials', 8),
  col('grants', 8),
  col('last_used_at', 22),
  col('tags', 30),
  col('description', 40),
];

export function identityTable(ctx: ReportContext, agentsOnly = false): ExportTable {
  const inv = ctx.input.inventory;
  const creds = new Map<string, { all: number; active: number }>();
  for (const c of inv.credentials) {
    const e = creds.get(c.identityId) ?? { all: 0, active: 0 };
    e.all += 1;
    if (c.status === 'active') e.active += 1;
    creds.set(c.identityId, e);
  }
  const grants = new Map<string, number>();
  for (const g of inv.grants) grants.set(g.identityId, (grants.get(g.identityId) ?? 0) + 1);
  const lastUsed = new Map<string, string>();
  for (const a of inv.activities)
    if ((lastUsed.get(a.identityId) ?? '') < a.lastUsedAt) lastUsed.set(a.identityId, a.lastUsedAt);

  const ids = inv.identities
    .filter((i) => !agentsOnly || isAgent(ctx.verdict(i.id)))
    .map((i) => i.id)
    .sort(agentsOnly ? ctx.compareIdentities : compareText);
  const rows = ids.map((id): Cell[] => {
    const i = ctx.identityById.get(id);
    if (!i) return [];
    const c = ctx.classificationOf(id);
    const findings = ctx.findingsByIdentity.get(id) ?? [];
    const open: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    let openCount = 0;
    for (const f of findings)
      if (ctx.counted(f)) {
        open[f.severity] = (open[f.severity] ?? 0) + 1;
        openCount += 1;
      }
    return [
      i.id,
      i.provider,
      i.kind,
      i.name,
      i.displayName ?? null,
      i.nativeId,
      i.account,
      i.enabled,
      iso(i.createdAt),
      c?.agent ?? 'no',
      c?.confidence ?? null,
      (c?.signals ?? [])
        .slice(0, 3)
        .map((s) => `${s.strength}: ${s.summary}`)
        .join(' | ') || null,
      c?.providerManaged ?? null,
      ctx.storedScore(id)?.score ?? null,
      ctx.riskPoints(id),
      openCount,
      ...SEVERITIES.map((s) => open[s] ?? 0),
      findings.length - openCount,
      i.owners.map((o) => `${o.principalName ?? o.displayName ?? o.nativeId} (${o.relation})`).join('; ') ||
        null,
      creds.get(id)?.all ?? 0,
      creds.get(id)?.active ?? 0,
      grants.get(id) ?? 0,
      lastUsed.get(id) ?? null,
      Object.entries(i.tags)
        .sort(([a], [b]) => compareText(a, b))
        .map(([k, v]) => `${k}=${v}`)
        .join('; ') || null,
      i.description ?? null,
    ];
  });
  return { name: agentsOnly ? 'agents' : 'identities', columns: IDENTITY_COLUMNS, rows };
}

export function credentialTable(ctx: ReportContext): ExportTable {
  const nowMs = Date.parse(ctx.input.assessment.assessedAt);
  const columns = [
    col('id', 40),
    col('identity_id', 40),
    col('identity_name', 30),
    col('agent', 8),
    col('provider', 8),
    col('kind', 18),
    col('native_id', 30),
    col('name', 24),
    col('status', 9),
    col('created_at', 22),
    col('expires_at', 22),
    col('last_used_at', 22),
    col('age_days', 9),
    col('lifetime_days', 9),
  ];
  const rows = [...ctx.input.inventory.credentials]
    .sort((a, b) => compareText(a.identityId, b.identityId) || compareText(a.id, b.id))
    .map((c): Cell[] => {
      const lifetime =
        c.createdAt && c.expiresAt
          ? Math.floor((Date.parse(c.expiresAt) - Date.parse(c.createdAt)) / DAY_MS)
          : null;
      return [
        c.id,
        c.identityId,
        ctx.ref(c.identityId).name,
        ctx.verdict(c.identityId),
        c.provider,
        c.kind,
        c.nativeId,
        c.name ?? null,
        c.status,
        iso(c.createdAt),
        iso(c.expiresAt),
        iso(c.lastUsedAt),
        days(c.createdAt, nowMs),
        Number.isNaN(lifetime) ? null : lifetime,
      ];
    });
  return { name: 'credentials', columns, rows };
}

export function findingTable(ctx: ReportContext): ExportTable {
  const columns = [
    col('key', 50),
    col('rule_id', 18),
    col('title', 40),
    col('severity', 9),
    col('status', 14),
    col('identity_id', 40),
    col('identity_name', 30),
    col('identity_kind', 20),
    col('agent', 8),
    col('provider', 8),
    col('account', 16),
    col('native_id', 50),
    col('message', 60),
    col('evidence', 60),
    col('score_contribution', 10),
    col('suppressed_by', 10),
    col('triage_status', 12),
    col('triage_note', 30),
    col('triage_author', 14),
    col('triage_updated_at', 22),
    col('frameworks', 40),
    col('remediation', 60),
  ];
  const findings = [...ctx.input.assessment.findings].sort(
    (a, b) =>
      AGENT_RANK[ctx.verdict(a.identityId)] - AGENT_RANK[ctx.verdict(b.identityId)] ||
      compareText(a.key, b.key),
  );
  const rows = findings.map((f): Cell[] => {
    const t = ctx.triageByKey.get(f.key);
    const ref = ctx.ref(f.identityId);
    return [
      f.key,
      f.ruleId,
      f.title,
      f.severity,
      ctx.status(f),
      f.identityId,
      ref.name,
      f.identity.kind,
      ref.agent,
      f.identity.provider,
      f.identity.account,
      f.identity.nativeId,
      f.message,
      f.evidence.map((e) => e.summary).join(' | '),
      f.scoreContribution,
      f.suppressedBy ?? null,
      t?.status ?? null,
      t?.note ?? null,
      t?.author ?? null,
      t?.updatedAt ?? null,
      f.frameworks.map((r) => `${r.framework}:${r.control}`).join('; '),
      f.remediation,
    ];
  });
  return { name: 'findings', columns, rows };
}

export function frameworkTable(ctx: ReportContext): ExportTable {
  const columns = [
    col('framework', 14),
    col('framework_name', 40),
    col('version', 10),
    col('control', 12),
    col('title', 50),
    col('status', 12),
    col('open_findings', 10),
    col('identities', 10),
    col('agents', 8),
    col('rules', 50),
  ];
  const rows: Cell[][] = [];
  for (const fw of buildCompliance(ctx))
    for (const c of fw.controls)
      rows.push([
        fw.framework satisfies Framework,
        fw.name,
        fw.version,
        c.control,
        c.title,
        c.status,
        c.open,
        c.identities,
        c.agents,
        c.rules.join(', '),
      ]);
  return { name: 'frameworks', columns, rows };
}
