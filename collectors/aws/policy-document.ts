/**
 * IAM policy documents come in three forms: URL-encoded JSON strings (the IAM API), plain JSON
 * strings (some tools decode once), and objects (the AWS CLI decodes them). All three decode to the
 * same document here; the schemas in raw-schemas.ts then check its shape.
 */
import { nestsDeeperThan } from '../import/json-depth';

/** Policy documents are at most a few levels deep; anything deeper is not a policy. */
export const MAX_POLICY_DEPTH = 32;

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
