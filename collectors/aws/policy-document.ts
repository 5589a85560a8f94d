/**
 * IAM policy documents come in three forms: URL-encoded JSON strings (the IAM API), plain JSON
 * strings (some tools decode once), and objects (the AWS CLI decodes them). All three decode to the
 * same document here; the schemas in raw-schemas.ts then check its shape.
 */

/** Policy documents are at most a few levels deep; anything deeper is not a policy. */
export const MAX_POLICY_DEPTH = 32;

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` nests arrays/objects deeper than `max`. Iterative: safe on hostile input. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function parseJsonObject(text: string, form: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: `policy document is not valid JSON (${form})` };
  }
  if (!isPlainObject(parsed)) return { ok: false, problem: `policy document is not a JSON object (${form})` };
  if (nestsDeeperThan(parsed, MAX_POLICY_DEPTH)) {
    return { ok: false, problem: `policy document nests deeper than ${MAX_POLICY_DEPTH} levels` };
  }
  return { ok: true, value: parsed };
}

export function decodePolicyDocument(value: unknown): DecodeResult {
  if (isPlainObject(value)) {
    if (nestsDeeperThan(value, MAX_POLICY_DEPTH)) {
      return { ok: false, problem: `policy document nests deeper than ${MAX_POLICY_DEPTH} levels` };
    }
    return { ok: true, value };
  }
  if (typeof value !== 'string') {
    return {
      ok: false,
      problem: 'expected a policy document (a JSON object, a JSON string or a URL-encoded string)',
    };
  }
  const text = value.trim();
  if (text.startsWith('{')) return parseJsonObject(text, 'JSON string');
  // The IAM API percent-encodes documents (RFC 3986), so they start with an encoded '{'.
  if (/^%7b/i.test(text)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return { ok: false, problem: 'policy document has an invalid URL encoding' };
    }
    return parseJsonObject(decoded, 'URL-encoded string');
  }
  return { ok: false, problem: 'policy document is neither JSON nor URL-encoded JSON' };
}
