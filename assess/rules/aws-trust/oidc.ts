/** Reading web-identity (OIDC) trust rows: which provider, and what its sub/aud conditions allow. */
import type { Trust } from '../../../model/inventory';
import { flattenConditions, isLikeOperator, isRestricting, type FlatCondition } from '../../util/aws-policy';

/** Web identity providers IAM knows without an OIDC provider resource. */
const BUILT_IN_PROVIDERS = new Set([
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
]);
export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** The issuer host of a Federated trust row, or undefined for SAML and non-federated rows. */
export function oidcIssuer(trust: Trust): string | undefined {
  if (trust.kind !== 'aws-trust-statement' || trust.principalType !== 'Federated' || trust.effect !== 'Allow')
    return undefined;
  const p = trust.principal.toLowerCase();
  const i = p.indexOf(':oidc-provider/');
  if (i >= 0) return p.slice(i + ':oidc-provider/'.length);
  return BUILT_IN_PROVIDERS.has(p) ? p : undefined;
}

export function claimConditions(trust: Trust, issuer: string, claim: string): FlatCondition[] {
  const key = `${issuer}:${claim}`.toLowerCase();
  return flattenConditions(trust.conditions).filter((c) => c.key === key);
}

/** Any condition on a claim of this issuer other than aud that pins the caller (e.g. GitHub `repository`). */
export function otherRestrictingClaims(trust: Trust, issuer: string): FlatCondition[] {
  const prefix = `${issuer.toLowerCase()}:`;
  return flattenConditions(trust.conditions).filter(
    (c) => c.key.startsWith(prefix) && !c.key.endsWith(':aud') && !c.key.endsWith(':sub') && isRestricting(c),
  );
}

export type SubjectBreadth = 'any' | 'organisation' | 'repository' | 'pattern';

/** How much a wildcard subject lets in; undefined when the value is exact. */
export function wildcardBreadth(issuer: string, operator: string, value: string): SubjectBreadth | undefined {
  if (!isLikeOperator(operator) || !/[*?]/.test(value)) return undefined;
  if (/^[*?]+$/.test(value)) return 'any';
  if (issuer !== GITHUB_ISSUER) return 'pattern';
  const m = /^repo:([^/]*)\/([^:]*)(?::(.*))?$/.exec(value);
  if (!m) return 'any';
  const [, org = '', repo = ''] = m;
  if (/[*?]/.test(org)) return 'any';
  if (/[*?]/.test(repo)) return 'organisation';
  return 'repository';
}
