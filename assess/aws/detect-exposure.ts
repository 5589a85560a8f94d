/**
 * Broad grants of sensitive actions:
 * - credential exposure: actions that return or mint credentials (cloudsplaining's list, see
 *   assess/data/aws-sensitive-actions.json), e.g. iam:CreateAccessKey on any user,
 *   sts:AssumeRole on `*`, ecr:GetAuthorizationToken, redshift:GetClusterCredentials;
 * - data exfiltration: s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter*,
 *   kms:Decrypt, DynamoDB reads;
 * - resource exposure: actions that open a resource to other principals (s3:PutBucketPolicy,
 *   kms:PutKeyPolicy, lambda:AddPermission, ram:CreateResourceShare, iam:UpdateAssumeRolePolicy,
 *   ...): a curated list, not every "Permissions management" action (see aws-sensitive-actions.json).
 *
 * "Broad" = on `*`, through NotResource, or on a whole resource type (`arn:aws:s3:::*`,
 * `secret:*`); actions scoped to named resources or to the identity itself
 * (`user/${aws:username}`) are not reported. Conditioned grants are reported with their
 * conditions and `unconstrained: false`.
 */
import type { ActionSet } from './action-set';
import { type Decision, decide, type GrantShape, grantShape } from './evaluate';
import type { AwsPrincipal } from './principals';
import type { PrivilegeOracle } from './privilege';
import type { ExposureReport } from './types';

export type ExposureKind = 'credentialExposure' | 'dataExfiltration' | 'resourceExposure';

interface ProfileExposure {
  total: number;
  /** The listed actions: what the policies grant (shared by the profile) and the statements matched. */
  decisions: { shape: GrantShape; matched: Decision['matched'] }[];
}

/** Catalogue-unknown names per list: the same for every identity, so found once per oracle. */
const unknownNames = new WeakMap<PrivilegeOracle, Partial<Record<ExposureKind, readonly string[]>>>();

function setFor(kind: ExposureKind, oracle: PrivilegeOracle): { set: ActionSet; unknown: readonly string[] } {
  const catalog = oracle.catalog;
  let known = unknownNames.get(oracle);
  if (!known) unknownNames.set(oracle, (known = {}));
  const notInCatalog = (names: readonly string[]) =>
    (known[kind] ??= names.filter((n) => catalog.indexOf(n) === undefined));
  if (kind === 'credentialExposure')
    return { set: oracle.credentialExposure, unknown: notInCatalog(oracle.credentialExposureNames) };
  if (kind === 'dataExfiltration')
    return { set: oracle.dataExfiltration, unknown: notInCatalog(oracle.dataExfiltrationNames) };
  return { set: oracle.resourceExposure, unknown: [] };
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
    const decisions: ProfileExposure['decisions'] = [];
    const list = (name: string, d: Decision) => {
      const shape = grantShape(p.profile, name, d);
      if (shape) decisions.push({ shape, matched: d.matched });
    };
    let total = 0;
    for (const index of broad.indices(catalog)) {
      const name = catalog.nameOf(index);
      if (decisions.length < maxItems) {
        const d = decide(p.profile, name, undefined, p.context);
        if (!broadlyGranted(d)) continue;
        list(name, d);
      }
      total++;
    }
    for (const name of unknown) {
      const d = decide(p.profile, name, undefined, p.context);
      if (!broadlyGranted(d)) continue;
      total++;
      if (decisions.length < maxItems) list(name, d);
    }
    cached = { total, decisions };
    if (!p.profile.usesVariables) p.profile.memo.set(key, cached);
  }
  // Only the statements (with this identity's grant ids) are per identity.
  const items = cached.decisions.map(({ shape, matched }) => ({
    ...shape,
    statements: p.permissions.statementEvidence(matched),
  }));
  return { total: cached.total, items, truncated: cached.total > items.length };
}
