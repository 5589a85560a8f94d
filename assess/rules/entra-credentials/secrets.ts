/**
 * One client secret, one finding. AA-ENT-SECRET-001 (secrets on the application) and
 * AA-ENT-SECRET-002 (secrets on the service principal) report each active sign-in secret once,
 * together with what is wrong with its lifetime (over the maximum, no end date), because every
 * fix for a secret starts with the same decision: replace it with a federated credential, managed
 * identity or certificate. AA-ENT-CRED-001/002 therefore judge certificates only; before this
 * split a long-lived secret was reported twice with overlapping meaning.
 */
import type { Credential, Identity } from '../../../model/inventory';
import { rowsOf } from '../../inventory-index';
import { attrString } from '../../util/json';
import { daysText } from '../../../model/dates';
import { daysBetween } from '../../util/time';
import { credentialEvidence, graphCollection } from '../helpers';
import type { EvidenceItem } from '../../../model/findings';
import type { AssessContext } from '../types';

/** Application objects: AA-ENT-SECRET-001. Service principal objects: AA-ENT-SECRET-002. */
export const APP_KINDS: readonly Identity['kind'][] = ['entra-application', 'entra-agent-blueprint'];
export const PRINCIPAL_KINDS: readonly Identity['kind'][] = [
  'entra-service-principal',
  'entra-agent-blueprint-principal',
  'entra-agent-identity',
];

/**
 * The active client secrets an identity signs in with. A SAML single sign-on service principal keeps
 * a password credential next to its token-signing certificate: that one signs tokens, it is not a
 * sign-in secret.
 */
export function signInSecrets(ctx: AssessContext, identity: Identity): Credential[] {
  const credentials = rowsOf(ctx.index.credentials, identity.id);
  if (
    PRINCIPAL_KINDS.includes(identity.kind) &&
    credentials.some((c) => c.kind === 'certificate' && attrString(c.attributes, 'usage') === 'Sign')
  )
    return [];
  return credentials.filter((c) => c.kind === 'client-secret' && c.status === 'active');
}

export interface SecretLifetime {
  credential: Credential;
  /** Days from creation to expiry; undefined when there is no end date (or no start date). */
  lifetimeDays: number | undefined;
  neverExpires: boolean;
  overMaximum: boolean;
}

export function secretLifetimes(ctx: AssessContext, secrets: readonly Credential[]): SecretLifetime[] {
  const max = ctx.settings.thresholds.secretMaxLifetimeDays;
  return secrets.map((c) => {
    const lifetimeDays = daysBetween(c.createdAt, c.expiresAt);
    return {
      credential: c,
      lifetimeDays,
      neverExpires: !c.expiresAt,
      overMaximum: lifetimeDays !== undefined && lifetimeDays > max,
    };
  });
}

/** "; 1 never expires, 2 valid longer than the 180-day maximum (up to 1168 days)" or "". */
export function lifetimeClause(ctx: AssessContext, lifetimes: readonly SecretLifetime[]): string {
  const max = ctx.settings.thresholds.secretMaxLifetimeDays;
  const never = lifetimes.filter((l) => l.neverExpires).length;
  const over = lifetimes.filter((l) => l.overMaximum);
  const parts: string[] = [];
  if (never > 0) parts.push(`${never} never ${never === 1 ? 'expires' : 'expire'}`);
  if (over.length > 0) {
    const longest = Math.max(...over.map((l) => l.lifetimeDays ?? 0));
    parts.push(
      `${over.length} valid longer than the ${max}-day maximum${over.length === 1 ? ` (${daysText(longest)})` : ` (up to ${daysText(longest)})`}`,
    );
  }
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

export function secretEvidence(
  ctx: AssessContext,
  identity: Identity,
  lifetime: SecretLifetime,
  where = `/${graphCollection(identity)}`,
): EvidenceItem {
  const c = lifetime.credential;
  const max = ctx.settings.thresholds.secretMaxLifetimeDays;
  const validity = lifetime.neverExpires
    ? 'no end date'
    : `valid ${c.createdAt ?? '?'} to ${c.expiresAt}${
        lifetime.lifetimeDays !== undefined
          ? ` (${daysText(lifetime.lifetimeDays)}${lifetime.overMaximum ? `; maximum ${max}` : ''})`
          : ''
      }`;
  return credentialEvidence(c, `Client secret ${c.name ?? c.nativeId} on ${where}, ${validity}`);
}
