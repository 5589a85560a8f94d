/**
 * Who can assume a role: one trust row per principal of each statement of the role's trust policy
 * (AssumeRolePolicyDocument). Pure.
 */
import { stableId, type Attributes } from '../../model/inventory';
import { ACCOUNT_ID_PATTERN, isIamPrincipalArn, partitionOfArn, rootArn } from './arn';
import { jsonObject, type InventoryBuilder } from './inventory-builder';
import type { RawPrincipal, TrustPolicyDocument, TrustStatement } from './raw-schemas';

interface PrincipalEntry {
  /** AWS | Service | Federated | CanonicalUser | * ; prefixed `NotPrincipal:` for NotPrincipal. */
  type: string;
  value: string;
}

function expandPrincipal(principal: RawPrincipal | undefined, not: boolean): PrincipalEntry[] {
  if (principal === undefined) return [];
  const prefix = not ? 'NotPrincipal:' : '';
  if (principal === '*') return [{ type: `${prefix}*`, value: '*' }];
  const out: PrincipalEntry[] = [];
  for (const [type, values] of Object.entries(principal)) {
    for (const value of Array.isArray(values) ? values : [values])
      out.push({ type: `${prefix}${type}`, value });
  }
  return out;
}

function actionsOf(statement: TrustStatement): string[] {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return [...list(statement.Action), ...list(statement.NotAction).map((a) => `NOT ${a}`)];
}

/**
 * The principal as a comparable value and, for IAM roles, users and account roots, the stable id it
 * has (or would have) in an inventory. A bare account id means that account's root.
 */
export function resolveAwsPrincipal(
  value: string,
  partition: string,
): { principal: string; principalId: string | undefined } {
  if (ACCOUNT_ID_PATTERN.test(value)) {
    const arn = rootArn(value, partition);
    return { principal: arn, principalId: stableId('aws', arn) };
  }
  if (isIamPrincipalArn(value)) return { principal: value, principalId: stableId('aws', value) };
  return { principal: value, principalId: undefined };
}

export function addTrustPolicy(
  b: InventoryBuilder,
  roleArn: string,
  identityId: string,
  document: TrustPolicyDocument,
): void {
  const partition = partitionOfArn(roleArn);
  document.Statement.forEach((statement, index) => {
    const entries = [
      ...expandPrincipal(statement.Principal, false),
      ...expandPrincipal(statement.NotPrincipal, true),
    ];
    const conditions: Attributes = statement.Condition ?? {};
    for (const entry of entries) {
      // NotPrincipal names who is excluded: it gets no principalId, so nothing reads it as trusted.
      const resolved =
        entry.type === 'AWS'
          ? resolveAwsPrincipal(entry.value, partition)
          : { principal: entry.value, principalId: undefined };
      b.addTrust({
        id: `${identityId}#trust:${index}:${entry.type}:${resolved.principal}`,
        identityId,
        provider: 'aws',
        kind: 'aws-trust-statement',
        principalType: entry.type,
        principal: resolved.principal,
        principalId: resolved.principalId,
        effect: statement.Effect,
        actions: actionsOf(statement),
        conditions,
        evidence: jsonObject(statement),
      });
    }
  });
}
