/** Small, dependency-free readers of IAM policy and trust documents as stored in the inventory. */
import type { JsonValue } from '../../model/inventory';

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const globCache = new Map<string, RegExp>();

/** IAM wildcard match (`*`, `?`), case-insensitive as IAM action names are. */
export function iamGlobMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === value.toLowerCase();
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    globCache.set(pattern, re);
  }
  return re.test(value);
}

export interface FlatCondition {
  /** e.g. `StringLike`, `ForAnyValue:StringEquals`, `StringEqualsIfExists`. */
  operator: string;
  /** Condition key, lower-cased (IAM keys are case-insensitive). */
  key: string;
  values: string[];
}

function scalarList(value: JsonValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => scalarList(v));
  if (typeof value === 'object') return [];
  return [String(value)];
}

/** `{ StringEquals: { "sts:ExternalId": "x" } }` -> one row per operator and key. */
export function flattenConditions(conditions: Record<string, JsonValue> | undefined): FlatCondition[] {
  const out: FlatCondition[] = [];
  if (!conditions) return out;
  for (const [operator, block] of Object.entries(conditions)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      out.push({ operator, key: key.toLowerCase(), values: scalarList(value) });
    }
  }
  return out;
}

/** A condition that pins the key to something, i.e. not `StringLike "*"` and not a `Null` test. */
export function isRestricting(c: FlatCondition): boolean {
  if (/^null$/i.test(c.operator)) return false;
  if (c.values.length === 0) return false;
  return !c.values.every((v) => v === '*');
}

/** Does the operator treat `*` and `?` as wildcards? */
export function isLikeOperator(operator: string): boolean {
  return /like/i.test(operator);
}

const ACCOUNT_IN_ARN = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/;

/** The account an AWS principal (ARN or bare account id) belongs to. */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return ACCOUNT_IN_ARN.exec(principal)?.[1];
}

/** The account of an ARN, including resource ARNs such as `arn:aws:iam::123:role/x`. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length > 4 && /^\d{12}$/.test(parts[4] ?? '') ? parts[4] : undefined;
}
