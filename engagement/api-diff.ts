/**
 * The scan diff screen: identities added and removed, identities whose grants changed, credentials
 * added and removed, findings new and resolved, and the KPIs side by side. Lists are capped at
 * DIFF_LIST_LIMIT entries; the counts are always complete.
 */
import { DIFF_LIST_LIMIT, type IdentityRow, type ScanDiff } from '../model/api';
import type { Finding } from '../model/findings';
import type { ScanModel } from './open-engagement';
import type { ScanReader } from '../db';

const identityRef = (r: IdentityRow) => ({ id: r.id, name: r.name, provider: r.provider, kind: r.kind });

export function diffScans(reader: ScanReader, from: ScanModel, to: ScanModel): ScanDiff {
  const added = to.index.rows.filter((r) => !from.index.row(r.id));
  const removed = from.index.rows.filter((r) => !to.index.row(r.id));

  const grantsBefore = reader.childKeys(from.scan.id, 'grants');
  const grantsAfter = reader.childKeys(to.scan.id, 'grants');
  const privilegeChanged: ScanDiff['privilegeChanged'] = [];
  let privilegeCount = 0;
  for (const row of to.index.rows) {
    if (!from.index.row(row.id)) continue;
    const { plus, minus } = setChange(grantsBefore.get(row.id), grantsAfter.get(row.id));
    if (plus === 0 && minus === 0) continue;
    privilegeCount += 1;
    if (privilegeChanged.length < DIFF_LIST_LIMIT)
      privilegeChanged.push({ ...identityRef(row), added: plus, removed: minus });
  }

  const credentialsBefore = reader.childKeys(from.scan.id, 'credentials');
  const credentialsAfter = reader.childKeys(to.scan.id, 'credentials');
  let credentialsAdded = 0;
  let credentialsRemoved = 0;
  for (const id of new Set([...credentialsBefore.keys(), ...credentialsAfter.keys()])) {
    const { plus, minus } = setChange(credentialsBefore.get(id), credentialsAfter.get(id));
    credentialsAdded += plus;
    credentialsRemoved += minus;
  }

  const diff: ScanDiff = {
    fromScanId: from.scan.id,
    toScanId: to.scan.id,
    counts: {
      identitiesAdded: added.length,
      identitiesRemoved: removed.length,
      privilegeChanged: privilegeCount,
      credentialsAdded,
      credentialsRemoved,
    },
    identitiesAdded: added.slice(0, DIFF_LIST_LIMIT).map(identityRef),
    identitiesRemoved: removed.slice(0, DIFF_LIST_LIMIT).map(identityRef),
    privilegeChanged,
    kpis: (to.assessment?.kpis ?? []).map((k) => {
      const before = from.assessment?.kpis.find((p) => p.id === k.id);
      return { ...k, previous: before ? before.value : null };
    }),
  };
  if (from.assessment && to.assessment) {
    const before = openFindings(from.assessment.findings());
    const after = openFindings(to.assessment.findings());
    const fresh = [...after.values()].filter((f) => !before.has(f.key));
    const resolved = [...before.values()].filter((f) => !after.has(f.key));
    diff.counts.findingsNew = fresh.length;
    diff.counts.findingsResolved = resolved.length;
    diff.findingsNew = fresh.slice(0, DIFF_LIST_LIMIT).map(findingRef);
    diff.findingsResolved = resolved.slice(0, DIFF_LIST_LIMIT).map(findingRef);
  }
  return diff;
}

function setChange(
  before: Set<string> | undefined,
  after: Set<string> | undefined,
): { plus: number; minus: number } {
  let plus = 0;
  let minus = 0;
  for (const id of after ?? []) if (!before?.has(id)) plus += 1;
  for (const id of before ?? []) if (!after?.has(id)) minus += 1;
  return { plus, minus };
}

function openFindings(findings: readonly Finding[]): Map<string, Finding> {
  return new Map(findings.filter((f) => f.suppressedBy === undefined).map((f) => [f.key, f]));
}

function findingRef(f: Finding) {
  return {
    key: f.key,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    identityId: f.identityId,
    identityName: f.identity.name,
    message: f.message,
  };
}
