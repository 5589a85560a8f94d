import type { Attributes, JsonValue } from '../../model/inventory';

/**
 * Evidence data from inventory rows. Rows are already JSON values (validated by the inventory
 * schemas), so a top-level copy without `undefined` entries is enough: it is cheap for the hundreds
 * of thousands of evidence items a large tenant produces, and evidence is never mutated.
 */
export function toAttributes(value: object): Attributes {
  const out: Attributes = {};
  const source = value as Record<string, unknown>;
  for (const k in source) {
    const v = source[k];
    if (v !== undefined) out[k] = v as JsonValue;
  }
  return out;
}

export function attrString(attributes: Attributes, key: string): string | undefined {
  const v = attributes[key];
  return typeof v === 'string' ? v : undefined;
}

export function attrBool(attributes: Attributes, key: string): boolean | undefined {
  const v = attributes[key];
  return typeof v === 'boolean' ? v : undefined;
}
