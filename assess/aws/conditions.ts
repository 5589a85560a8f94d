/**
 * Condition blocks: evaluate the keys whose value this analysis knows for a given use
 * (e.g. `iam:PassedToService` when passing a role to Lambda, `aws:PrincipalArn` when a trust
 * policy is checked against a candidate principal) and keep the rest as "constrained".
 *
 * A block is an AND over operators and keys; within one key, the values are an OR (for the
 * negated operators: none may match).
 */
import type { JsonValue } from '../../model/inventory';
import { wildcardMatch } from './patterns';

export type ConditionBlock = Record<string, Record<string, JsonValue>>;

export type ConditionVerdict = 'match' | 'no-match' | 'unknown';

export interface ConditionOutcome {
  verdict: ConditionVerdict;
  /** The operators and keys not decided here (present when the verdict is unknown). */
  remaining?: ConditionBlock;
}

/** Known request values by lower-cased condition key; `null` means "known to be absent". */
export type KnownValues = ReadonlyMap<string, string | null>;

export const NO_KNOWN_VALUES: KnownValues = new Map();

export function evaluateCondition(block: ConditionBlock | undefined, known: KnownValues): ConditionOutcome {
  if (!block || Object.keys(block).length === 0) return { verdict: 'match' };
  let remaining: ConditionBlock | undefined;
  for (const [operator, keys] of Object.entries(block)) {
    if (!keys || typeof keys !== 'object') continue;
    for (const [key, expected] of Object.entries(keys)) {
      const lower = key.toLowerCase();
      const result = known.has(lower)
        ? evaluateClause(operator, known.get(lower) ?? null, expected)
        : undefined;
      if (result === false) return { verdict: 'no-match' };
      if (result === undefined) {
        remaining ??= {};
        (remaining[operator] ??= {})[key] = expected;
      }
    }
  }
  return remaining ? { verdict: 'unknown', remaining } : { verdict: 'match' };
}

function toStrings(value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => toStrings(v));
  if (value === null || typeof value === 'object') return [];
  return [String(value)];
}

/** True or false when decidable, undefined for an operator this analysis does not evaluate. */
function evaluateClause(
  operatorRaw: string,
  actual: string | null,
  expectedRaw: JsonValue,
): boolean | undefined {
  let operator = operatorRaw;
  const setPrefix = /^(ForAnyValue|ForAllValues):/i.exec(operator);
  if (setPrefix) operator = operator.slice(setPrefix[0].length);
  const ifExists = /IfExists$/i.test(operator);
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const op = operator.toLowerCase();
  const negated = op.includes('not');
  const known = [
    'stringequals',
    'stringnotequals',
    'stringequalsignorecase',
    'stringnotequalsignorecase',
    'stringlike',
    'stringnotlike',
    'arnequals',
    'arnlike',
    'arnnotequals',
    'arnnotlike',
  ];
  if (!known.includes(op)) return undefined;
  if (actual === null) {
    if (ifExists) return true;
    // ForAllValues over an empty set is true; negated single-value operators match a missing key.
    if (setPrefix?.[1]?.toLowerCase() === 'forallvalues') return true;
    return negated;
  }
  const expected = toStrings(expectedRaw);
  const ignoreCase = op.includes('ignorecase');
  const like = op.includes('like');
  const any = expected.some((e) =>
    like
      ? wildcardMatch(e, actual, ignoreCase)
      : ignoreCase
        ? e.toLowerCase() === actual.toLowerCase()
        : e === actual,
  );
  return negated ? !any : any;
}

/** Condition keys a block uses, lower-cased, for summaries. */
export function conditionKeys(block: ConditionBlock | undefined): string[] {
  if (!block) return [];
  const out = new Set<string>();
  for (const keys of Object.values(block)) if (keys) for (const k of Object.keys(keys)) out.add(k);
  return [...out];
}

/** One line for a report: `StringEquals aws:RequestTag/team=[ml]`. */
export function describeCondition(block: ConditionBlock): string {
  const parts: string[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, value] of Object.entries(keys ?? {})) {
      parts.push(`${operator} ${key}=${JSON.stringify(value)}`);
    }
  }
  return parts.join('; ');
}
