/**
 * Canonical JSON for the audit chain: object keys sorted by UTF-16 code unit order at every level,
 * no whitespace. The same value always serialises to the same text, so a hash over it can be
 * recomputed from the stored row. JSON.stringify alone is not enough: it keeps insertion order and
 * always puts integer-like keys ("1", "10") first.
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value);
  // Only a top-level undefined or function has no JSON form; anything nested is dropped or nulled.
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return out;
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // Same as JSON.stringify: NaN and ±Infinity become null.
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON representation');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return serialise(withJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => serialise(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = serialise(record[key]);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}
