/**
 * IAM wildcard matching (`*` any run of characters, `?` one character) and policy variables.
 *
 * Actions match case-insensitively; resource ARNs case-sensitively, as IAM does. A `*` may span
 * ARN segments (`arn:aws:iam::*` covers every IAM resource of every account), which is how
 * IAM matches Resource elements in practice.
 */

const regexCache = new Map<string, RegExp>();

function escapeRegex(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A cached anchored regex for an IAM wildcard pattern. */
export function wildcardRegex(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegex(c)))
      .join('');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (regexCache.size > 50_000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!hasWildcard(pattern))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return wildcardRegex(pattern, ignoreCase).test(value);
}

/** `*`, `arn:*`, `arn:aws:*`, `arn:aws:*:*:*:*`: patterns that cover every resource. */
export function coversAllResources(pattern: string): boolean {
  return pattern === '*' || /^arn:(\*|aws[a-z-]*)(:\*)+$/i.test(pattern) || /^arn:\*$/i.test(pattern);
}

/**
 * Broad: a whole resource type or service rather than named resources, e.g. `arn:aws:s3:::*`,
 * `arn:aws:s3:::*\/*`, `arn:aws:secretsmanager:*:*:secret:*`, `arn:aws:ssm:us-east-1:1:parameter/*`.
 */
export function isBroadResource(pattern: string): boolean {
  if (coversAllResources(pattern)) return true;
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const resource = parts.slice(5).join(':');
  // S3 ARNs start with the bucket name, not a resource type: only `*` and `*/...` are broad.
  if (/^s3/.test(parts[2] ?? '')) return resource.startsWith('*');
  return /^([A-Za-z0-9-]+[:/])?\*(\/\*)?$/.test(resource);
}

/** What the identity's request context supplies for policy variables. */
export interface VariableContext {
  /** Lower-cased context key (e.g. `aws:username`, `aws:principaltag/team`) to value. */
  readonly values: ReadonlyMap<string, string>;
}

export const EMPTY_CONTEXT: VariableContext = { values: new Map() };

const VARIABLE = /\$\{([^}]*)\}/g;

export function hasVariables(pattern: string): boolean {
  return pattern.includes('${');
}

/**
 * Replace policy variables with the context's values. `${*}`, `${?}`, `${$}` stand for the
 * literal characters (returned escaped as `\u0000`-marked so they are not wildcards). A variable
 * the context lacks, without a default, makes the pattern match nothing: returns undefined.
 */
export function substituteVariables(pattern: string, context: VariableContext): string | undefined {
  if (!hasVariables(pattern)) return pattern;
  let unresolved = false;
  const out = pattern.replace(VARIABLE, (_m, inner: string) => {
    const trimmed = inner.trim();
    if (trimmed === '*' || trimmed === '?' || trimmed === '$') return LITERAL_MARK + trimmed;
    const comma = trimmed.indexOf(',');
    const key = (comma >= 0 ? trimmed.slice(0, comma) : trimmed).trim().toLowerCase();
    const value = context.values.get(key);
    if (value !== undefined) return escapeWildcards(value);
    if (comma >= 0) {
      const fallback = trimmed.slice(comma + 1).trim();
      const quoted = /^'(.*)'$/s.exec(fallback);
      if (quoted?.[1] !== undefined) return escapeWildcards(quoted[1].replace(/''/g, "'"));
    }
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : out;
}

/** Marks a character that must match literally although it is `*` or `?`. */
const LITERAL_MARK = '\u0000';

function escapeWildcards(value: string): string {
  return value.replace(/[*?]/g, (c) => LITERAL_MARK + c);
}

/** Match a resource pattern that may carry variables and literal-marked characters. */
export function resourceMatch(pattern: string, resource: string, context: VariableContext): boolean {
  const resolved = substituteVariables(pattern, context);
  if (resolved === undefined) return false;
  if (!resolved.includes(LITERAL_MARK)) return wildcardMatch(resolved, resource);
  const body = resolved
    .split(LITERAL_MARK)
    .map((chunk, i) => {
      if (i === 0) return toRegexBody(chunk);
      // The first character of every later chunk was escaped by the mark.
      return escapeRegex(chunk.charAt(0)).replace(/[*?]/, '\\$&') + toRegexBody(chunk.slice(1));
    })
    .join('');
  return new RegExp(`^${body}$`, 's').test(resource);
}

function toRegexBody(s: string): string {
  return s
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegex(c)))
    .join('');
}

/** The pattern with variables resolved, for display and exact look-ups; undefined if unresolvable. */
export function resolvedPattern(pattern: string, context: VariableContext): string | undefined {
  const resolved = substituteVariables(pattern, context);
  return resolved?.split(LITERAL_MARK).join('');
}

/** True when the resolved pattern still has wildcards (literal-marked ones excluded). */
export function resolvedHasWildcard(pattern: string, context: VariableContext): boolean {
  const resolved = substituteVariables(pattern, context);
  if (resolved === undefined) return false;
  return hasWildcard(resolved.replace(new RegExp(`${LITERAL_MARK}[*?]`, 'g'), ''));
}
