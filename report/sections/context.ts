/**
 * Lookups every report section shares, computed once per report: identities by id, their agent
 * verdict, findings per identity, which findings count (not suppressed, not triaged away), risk
 * points and scores, and the agents-first order every list in the report follows.
 */
import type { AgentVerdict, Classification } from '../../model/assess';
import type { Finding } from '../../model/findings';
import type { Identity } from '../../model/inventory';
import type { IdentityScore } from '../../model/posture';
import { AGENT_RANK, KIND_LABEL, clip, compareText } from '../format';
import type { IdentityRef, ReportInput, ReportLimits, ReportOptions, TriageDecision } from '../types';

export interface ReportContext {
  input: ReportInput;
  options: ReportOptions;
  limits: ReportLimits;
  identityById: ReadonlyMap<string, Identity>;
  classificationOf(id: string): Classification | undefined;
  verdict(id: string): AgentVerdict;
  ref(id: string): IdentityRef;
  /** Every finding of the scan, by identity, in key order. */
  findingsByIdentity: ReadonlyMap<string, readonly Finding[]>;
  triageByKey: ReadonlyMap<string, TriageDecision>;
  /** Counted = neither suppressed nor triaged as accepted risk or false positive. */
  counted(f: Finding): boolean;
  /** How a finding's status prints: open, suppressed (S-1), accepted risk, ... */
  status(f: Finding): string;
  /** Sum of the score contributions of an identity's counted findings. */
  riskPoints(id: string): number;
  /** The 0-100 score when scores are stored, else the risk points. */
  score(id: string): number;
  /** The stored score of an identity, when the scan has scores. */
  storedScore(id: string): IdentityScore | undefined;
  /** Agents first (yes, then likely), then by score (highest first), then name, then id. */
  compareIdentities(a: string, b: string): number;
}

export const FULL_LIMITS: ReportLimits = {
  rowsPerRule: 30,
  appendixIdentities: 400,
  findingsPerIdentity: 8,
  evidencePerFinding: 2,
};

export const EXECUTIVE_LIMITS: ReportLimits = {
  rowsPerRule: 0,
  appendixIdentities: 0,
  findingsPerIdentity: 0,
  evidencePerFinding: 0,
};

const TRIAGE_LABEL: Record<string, string> = {
  'accepted-risk': 'accepted risk',
  'false-positive': 'false positive',
  fixed: 'marked fixed, still detected',
  open: 'open',
};

export function buildContext(input: ReportInput, options: ReportOptions): ReportContext {
  const base = options.variant === 'executive' ? EXECUTIVE_LIMITS : FULL_LIMITS;
  const limits: ReportLimits = { ...base, ...(options.limits ?? {}) };
  const identityById = new Map(input.inventory.identities.map((i) => [i.id, i]));
  const classifications = input.assessment.classifications;
  const triageByKey = new Map(input.triage.map((t) => [t.findingKey, t]));

  const findingsByIdentity = new Map<string, Finding[]>();
  for (const f of input.assessment.findings) {
    let list = findingsByIdentity.get(f.identityId);
    if (!list) findingsByIdentity.set(f.identityId, (list = []));
    list.push(f);
  }

  const counted = (f: Finding): boolean => {
    if (f.suppressedBy !== undefined) return false;
    const t = triageByKey.get(f.key)?.status;
    return t !== 'accepted-risk' && t !== 'false-positive';
  };

  const risk = new Map<string, number>();
  for (const [id, list] of findingsByIdentity) {
    let sum = 0;
    for (const f of list) if (counted(f)) sum += f.scoreContribution;
    risk.set(id, Math.round(sum * 100) / 100);
  }

  const verdict = (id: string): AgentVerdict => classifications[id]?.agent ?? 'no';
  const riskPoints = (id: string) => risk.get(id) ?? 0;
  const scores = input.scores ? new Map(input.scores.map((s) => [s.identityId, s])) : undefined;
  const score = scores ? (id: string) => scores.get(id)?.score ?? 0 : (id: string) => riskPoints(id);

  const refs = new Map<string, IdentityRef>();
  const ref = (id: string): IdentityRef => {
    let r = refs.get(id);
    if (r) return r;
    const identity = identityById.get(id);
    // A finding always names an identity of the scan; the fallback keeps a report of damaged data readable.
    r = identity
      ? {
          id,
          // Names are tenant data of any length: print keeps the first 160 characters (exports keep all).
          name: clip(identity.displayName ?? identity.name, 160),
          kind: identity.kind,
          kindLabel: KIND_LABEL[identity.kind],
          provider: identity.provider,
          account: identity.account,
          nativeId: clip(identity.nativeId, 300),
          agent: verdict(id),
        }
      : {
          id,
          name: id,
          kind: 'aws-role',
          kindLabel: 'Unknown',
          provider: id.startsWith('entra:') ? 'entra' : 'aws',
          account: '',
          nativeId: id,
          agent: verdict(id),
        };
    refs.set(id, r);
    return r;
  };

  const compareIdentities = (a: string, b: string): number =>
    AGENT_RANK[verdict(a)] - AGENT_RANK[verdict(b)] ||
    score(b) - score(a) ||
    riskPoints(b) - riskPoints(a) ||
    compareText(ref(a).name, ref(b).name) ||
    compareText(a, b);

  return {
    input,
    options,
    limits,
    identityById,
    classificationOf: (id) => classifications[id],
    verdict,
    ref,
    findingsByIdentity,
    triageByKey,
    counted,
    status(f) {
      if (f.suppressedBy !== undefined) return `suppressed (${f.suppressedBy})`;
      const t = triageByKey.get(f.key)?.status;
      return t ? (TRIAGE_LABEL[t] ?? t) : 'open';
    },
    riskPoints,
    score,
    storedScore: (id) => scores?.get(id),
    compareIdentities,
  };
}
