/**
 * Turns zod issues into the place and problem of an InputError: `RoleDetailList[3].Arn` or
 * `value[12].appRoles[0].id`, and `expected string, received number`. Messages never quote the
 * offending value (it may be huge or hostile); keys in paths are JSON-escaped and shortened.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;
const MAX_KEY = 80;

export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key) && key.length <= MAX_KEY)
      out += out ? `.${key}` : key;
    else {
      const text = String(key);
      const short = text.length > MAX_KEY ? `${text.slice(0, MAX_KEY)}…` : text;
      out += `[${JSON.stringify(short)}]`;
    }
  }
  return out;
}

/** For a failed union, the branch that got furthest explains the problem best. */
function deepest(issue: Issue): { issue: Issue; prefix: PropertyKey[] } {
  let current = issue;
  let prefix: PropertyKey[] = [];
  while (current.code === 'invalid_union' && current.errors.length > 0) {
    let best: Issue | undefined;
    for (const branch of current.errors) {
      for (const candidate of branch) {
        if (!best || candidate.path.length > best.path.length) best = candidate;
      }
    }
    // Branches that failed at the union's own level add nothing: keep the union's message.
    if (!best || best.path.length === 0) break;
    prefix = [...prefix, ...current.path];
    current = best;
  }
  return { issue: current, prefix };
}

function problemOf(issue: Issue): string {
  const message = issue.message.replace(/^Invalid (input|option|value): /, '');
  const missing = /^expected (.+), received undefined$/.exec(message);
  if (missing) return `missing (expected ${missing[1]})`;
  return message;
}

/**
 * The first issue, as the place and problem of an InputError. `prefix` is the path of the value
 * checked inside the file (e.g. `['value', 12]` for one item of a Graph page).
 */
export function describeIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[] = [],
): { where: string; problem: string } {
  const first = issues[0];
  if (!first) return { where: formatJsonPath(prefix), problem: 'invalid content' };
  const { issue, prefix: unionPath } = deepest(first);
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return {
    where: formatJsonPath([...prefix, ...unionPath, ...issue.path]),
    problem: `${problemOf(issue)}${more}`,
  };
}
