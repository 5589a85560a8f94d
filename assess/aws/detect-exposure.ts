/**
 * Broad grants of sensitive actions:
 * - credential exposure: actions that return or mint credentials (cloudsplaining's list, see
 *   assess/data/aws-sensitive-actions.json), e.g. iam:CreateAccessKey on any user,
 *   sts:AssumeRole on `*`, ecr:GetAuthorizationToken, redshift:GetClusterCredentials;
 * - data exfiltration: s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter*,
 *   kms:Decrypt, DynamoDB reads;
 * - resource exposure: "Permissions management" actions (s3:PutBucketPolicy, iam:Put*Policy,
 *   kms:PutKeyPolicy, ...), which can open resources to others.
 *
 * "Broad" = on `*`, through NotResource, or on a whole resource type (`arn:aws:s3:::*`,
 * `secret:*`); actions scoped to named resources or to the identity itself
 * (`user/${aws:username}`) are not reported. Conditioned grants are reported with their
 * conditions and `unconstrained: false`.
 */
import type { ActionSet } from './action-set';
import { type Decision, decide } from './evaluate';
import type { AwsPrincipal } from './principals';
import type { PrivilegeOracle } from './privilege';
import type { ExposureReport } from './types';

export type ExposureKind = 'credentialExposure' | 'dataExfiltration' | 'resourceExposure';

interface ProfileExposure {
  total: number;
  decisions: [string, Decision][];
}

function setFor(kind: ExposureKind, oracle: PrivilegeOracle): { set: ActionSet; unknown: readonly string[] } {
  const catalog = oracle.catalog;
  const notInCatalog = (names: readonly string[]) => names.filter((n) => catalog.indexOf(n) === undefined);
  if (kind === 'credentialExposure')
    return { set: oracle.credentialExposure, unknown: notInCatalog(oracle.credentialExposureNames) };
  if (kind === 'dataExfiltration')
    return { set: oracle.dataExfiltration, unknown: notInCatalog(oracle.dataExfiltrationNames) };
  return { set: oracle.permissionsManagement, unknown: [] };
}

function broadlyGranted(d: Decision): boolean {
  if (d.result !== 'allow' && d.result !== 'conditional') return false;
  return d.matched.some((m) => m.layer === 'identity' && m.stmt.broadResources);
}

export function detectExposure(
  p: AwsPrincipal,
  oracle: PrivilegeOracle,
  kind: ExposureKind,
  maxItems: number,
): ExposureReport {
  const key = `exposure:${kind}:${maxItems}`;
  let cached = p.profile.usesVariables ? undefined : (p.profile.memo.get(key) as ProfileExposure | undefined);
  if (!cached) {
    const catalog = oracle.catalog;
    const { set, unknown } = setFor(kind, oracle);
    const broad = set.intersect(p.profile.broadScope, catalog);
    const decisions: [string, Decision][] = [];
    let total = 0;
    for (const index of broad.indices(catalog)) {
      const name = catalog.nameOf(index);
      if (decisions.length < maxItems) {
        const d = decide(p.profile, name, undefined, p.context);
        if (!broadlyGranted(d)) continue;
        decisions.push([name, d]);
      }
      total++;
    }
    for (const name of unknown) {
      const d = decide(p.profile, name, undefined, p.context);
      if (!broadlyGranted(d)) continue;
      total++;
      if (decisions.length < maxItems) decisions.push([name, d]);
    }
    cached = { total, decisions };
    if (!p.profile.usesVariables) p.profile.memo.set(key, cached);
  }
  const items = cached.decisions.flatMap(([name, d]) => {
    const e = p.permissions.actionEvidence(name, d);
    return e ? [e] : [];
  });
  return { total: cached.total, items, truncated: cached.total > items.length };
}
