/**
 * One identity in full for the detail screen: its rows from the scan (read by index, not by
 * parsing the inventory), the agent evidence, score factors, findings with triage, the identities
 * it is linked to by trust or ownership, and its history across the engagement's scans.
 */
import type { CredentialView, IdentityDetail, IdentityHistoryEntry, TriagedFinding } from '../model/api';
import { UsageError } from '../model/errors';
import type { Credential } from '../model/inventory';
import type { OpenEngagement, ScanModel } from './open-engagement';

const DAY_MS = 86_400_000;
/** Scans the history goes back. */
const HISTORY_SCANS = 12;

export async function buildIdentityDetail(
  open: OpenEngagement,
  model: ScanModel,
  id: string,
): Promise<IdentityDetail> {
  const scanId = model.scan.id;
  const rows = open.reader.identityRows(scanId, id);
  if (!rows) throw new UsageError(`scan ${scanId} holds no identity ${id}`);
  const asOf = model.scan.finishedAt;
  const asOfMs = Date.parse(asOf);
  const assessment = model.assessment;
  const triage = open.assessment.triage();
  const findings: TriagedFinding[] = (assessment?.findingsOf(id) ?? []).map((f) => {
    const decision = triage.get(f.key);
    return decision ? { ...f, triage: decision } : { ...f };
  });
  const score = assessment?.scoreOf(id);
  const classification = assessment?.classificationOf(id);

  const linkedIds = new Set<string>();
  for (const trust of rows.trusts)
    if (trust.principalId && trust.principalId !== id) linkedIds.add(trust.principalId);
  for (const owner of rows.identity.owners) if (owner.id && owner.id !== id) linkedIds.add(owner.id);
  const related = [...linkedIds]
    .map((linked) => open.reader.nameOf(scanId, linked))
    .filter((link) => link !== undefined);

  return {
    scanId,
    asOf,
    identity: rows.identity,
    ...(classification ? { classification } : {}),
    ...(score ? { score: score.score } : {}),
    scoreFactors: score?.factors ?? [],
    credentials: rows.credentials.map((c) => credentialView(c, asOfMs)),
    grants: rows.grants,
    trusts: rows.trusts,
    activities: rows.activities,
    workloads: rows.workloads,
    related,
    findings,
    history: await history(open, id),
  };
}

export function credentialView(c: Credential, asOfMs: number): CredentialView {
  const days = (iso: string | undefined, sign: 1 | -1): number | undefined => {
    if (iso === undefined) return undefined;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : Math.floor((sign * (asOfMs - ms)) / DAY_MS);
  };
  const ageDays = days(c.createdAt, 1);
  const expiresInDays = days(c.expiresAt, -1);
  const lastUsedDaysAgo = days(c.lastUsedAt, 1);
  return {
    ...c,
    ...(ageDays !== undefined ? { ageDays } : {}),
    ...(expiresInDays !== undefined ? { expiresInDays } : {}),
    ...(lastUsedDaysAgo !== undefined ? { lastUsedDaysAgo } : {}),
  };
}

async function history(open: OpenEngagement, id: string): Promise<IdentityHistoryEntry[]> {
  const scans = open.db.listScans().slice(-HISTORY_SCANS);
  const out: IdentityHistoryEntry[] = [];
  for (const scan of scans) {
    const presence = open.reader.presence(scan.id, id);
    const entry: IdentityHistoryEntry = {
      scanId: scan.id,
      label: scan.label,
      finishedAt: scan.finishedAt,
      present: presence.present,
      credentialCount: presence.credentials,
      grantCount: presence.grants,
    };
    const assessment = presence.present ? await open.assessment.load(scan.id) : undefined;
    if (assessment) {
      const figures = assessment.perIdentity.get(id);
      entry.findingCount = figures?.findingCount ?? 0;
      if (figures?.score !== undefined) entry.score = figures.score;
    }
    out.push(entry);
  }
  return out;
}
