/**
 * The JSON export: the engagement's data for one scan in a versioned, documented shape
 * (docs/export-schema.md). `schemaVersion` changes only when a field is removed, renamed or changes
 * meaning; new fields may appear within a version. Lists are sorted (identities, credentials,
 * grants by id; findings by key), so the same data gives the same file apart from `generatedAt`.
 */
import type {
  AgentVerdict,
  AssessSettings,
  Classification,
  RuleError,
  Suppression,
} from '../../model/assess';
import type { Finding, TriageStatus } from '../../model/findings';
import type {
  Coverage,
  Credential,
  Grant,
  Identity,
  Scan,
  Source,
  Trust,
  Workload,
} from '../../model/inventory';
import type { IdentityScore, KpiReport } from '../../model/posture';
import { canonicalJson } from '../../db/canonical-json';
import { sha256Hex } from '../hash';
import { compareText } from '../format';
import type { ReportInput } from '../types';
import { exportContext } from './tables';

export const EXPORT_SCHEMA_VERSION = 1;

export interface JsonExportIdentity extends Identity {
  agent: {
    verdict: AgentVerdict;
    confidence: number | null;
    signals: Classification['signals'];
    providerManaged: 'microsoft' | 'aws' | null;
  };
  /** 0-100 when the scan has stored scores, else null. */
  score: number | null;
  /** Sum of the score contributions of the identity's open findings. */
  riskPoints: number;
  openFindings: number;
  lastUsedAt: string | null;
}

export interface JsonExportFinding extends Finding {
  agent: AgentVerdict;
  /** open, suppressed, accepted-risk, false-positive or fixed (triaged fixed but still detected). */
  status: 'open' | 'suppressed' | TriageStatus;
  triage: { status: TriageStatus; note: string; author: string; updatedAt: string } | null;
}

export interface JsonExport {
  schemaVersion: typeof EXPORT_SCHEMA_VERSION;
  format: 'agent-anchor-export';
  generator: { name: 'Agent Anchor'; version: string };
  generatedAt: string;
  engagement: { clientName: string };
  scan: {
    id: number;
    label: string;
    method: Scan['method'];
    status: Scan['status'];
    startedAt: string;
    finishedAt: string;
    counts: Scan['counts'];
    sources: Source[];
    coverage: Coverage[];
  };
  assessment: {
    assessedAt: string;
    settings: AssessSettings;
    ruleErrors: RuleError[];
    suppressionsApplied: string[];
    suppressionsExpired: string[];
  };
  identities: JsonExportIdentity[];
  credentials: Credential[];
  grants: Grant[];
  trusts: Trust[];
  workloads: Workload[];
  findings: JsonExportFinding[];
  scores: IdentityScore[] | null;
  kpis: KpiReport | null;
  suppressions: Suppression[];
  triage: { findingKey: string; status: TriageStatus; note: string; author: string; updatedAt: string }[];
  integrity: {
    /** Head of the engagement's audit chain when the export was made. */
    auditHead: string;
    /** SHA-256 of this document in canonical JSON without `generatedAt` and without `integrity`. */
    dataSha256: string;
  };
}

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => compareText(a.id, b.id));

export function buildJsonExport(
  input: ReportInput,
  opts: { generatedAt: string; clientName: string },
): JsonExport {
  const ctx = exportContext(input);
  const lastUsed = new Map<string, string>();
  for (const a of input.inventory.activities)
    if ((lastUsed.get(a.identityId) ?? '') < a.lastUsedAt) lastUsed.set(a.identityId, a.lastUsedAt);

  const identities = byId(input.inventory.identities).map((i): JsonExportIdentity => {
    const c = ctx.classificationOf(i.id);
    const findings = ctx.findingsByIdentity.get(i.id) ?? [];
    return {
      ...i,
      agent: {
        verdict: c?.agent ?? 'no',
        confidence: c?.confidence ?? null,
        signals: c?.signals ?? [],
        providerManaged: c?.providerManaged ?? null,
      },
      score: ctx.storedScore(i.id)?.score ?? null,
      riskPoints: ctx.riskPoints(i.id),
      openFindings: findings.filter((f) => ctx.counted(f)).length,
      lastUsedAt: lastUsed.get(i.id) ?? null,
    };
  });

  const findings = [...input.assessment.findings]
    .sort((a, b) => compareText(a.key, b.key))
    .map((f): JsonExportFinding => {
      const t = ctx.triageByKey.get(f.key);
      return {
        ...f,
        agent: ctx.verdict(f.identityId),
        status: f.suppressedBy !== undefined ? 'suppressed' : (t?.status ?? 'open'),
        triage: t ? { status: t.status, note: t.note, author: t.author, updatedAt: t.updatedAt } : null,
      };
    });

  const { scan } = input;
  const doc: JsonExport = {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    format: 'agent-anchor-export',
    generator: { name: 'Agent Anchor', version: input.appVersion },
    generatedAt: opts.generatedAt,
    engagement: { clientName: opts.clientName },
    scan: {
      id: scan.id,
      label: scan.label,
      method: scan.method,
      status: scan.status,
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      counts: scan.counts,
      sources: scan.sources,
      coverage: scan.coverage,
    },
    assessment: {
      assessedAt: input.assessment.assessedAt,
      settings: input.assessment.settings,
      ruleErrors: input.assessment.ruleErrors,
      suppressionsApplied: [...input.assessment.suppressions.applied],
      suppressionsExpired: input.assessment.suppressions.expired.map((s) => s.id),
    },
    identities,
    credentials: byId(input.inventory.credentials),
    grants: byId(input.inventory.grants),
    trusts: byId(input.inventory.trusts),
    workloads: byId(input.inventory.workloads),
    findings,
    scores: input.scores ? [...input.scores].sort((a, b) => compareText(a.identityId, b.identityId)) : null,
    kpis: input.kpis ?? null,
    suppressions: [...input.suppressions].sort((a, b) => compareText(a.id, b.id)),
    triage: [...input.triage]
      .sort((a, b) => compareText(a.findingKey, b.findingKey))
      .map((t) => ({
        findingKey: t.findingKey,
        status: t.status,
        note: t.note,
        author: t.author,
        updatedAt: t.updatedAt,
      })),
    integrity: { auditHead: input.auditHead, dataSha256: '' },
  };
  doc.integrity.dataSha256 = jsonExportHash(doc);
  return doc;
}

export function jsonExportHash(doc: JsonExport): string {
  const { generatedAt: _generatedAt, integrity: _integrity, ...rest } = doc;
  return sha256Hex(canonicalJson(rest));
}

/** Pretty-printed with two spaces; key order as built above, so diffs between exports stay readable. */
export function renderJson(doc: JsonExport): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
