import type { Attributes, JsonValue } from '../../model/inventory';

/**
 * A JSON-safe deep copy of inventory rows (policy statements are passthrough objects) for evidence,
 * so evidence never aliases inventory objects and always serialises.
 */
export function toAttributes(value: object): Attributes {
  return JSON.parse(JSON.stringify(value)) as Attributes;
}

export function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

export function attrString(attributes: Attributes, key: string): string | undefined {
  const v = attributes[key];
  return typeof v === 'string' ? v : undefined;
}

export function attrBool(attributes: Attributes, key: string): boolean | undefined {
  const v = attributes[key];
  return typeof v === 'boolean' ? v : undefined;
}
