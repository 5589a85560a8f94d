/** Small pure helpers the Entra transform modules share. */
import type { Attributes, JsonValue } from '../../model/inventory';

/** Case-insensitive equality; Graph enum casing varies between docs, versions and tools. */
export function sameText(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** `#microsoft.graph.agentIdentity` -> `agentidentity`; undefined when absent. */
export function odataTypeName(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.replace(/^#?microsoft\.graph\./i, '').toLowerCase();
}

/** The first value that is a non-empty string. */
export function firstText(...values: (string | null | undefined)[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/** Attributes without the entries that are undefined or null, so rows only say what is known. */
export function compact(entries: Record<string, JsonValue | undefined>): Attributes {
  // fromEntries defines own properties, so a hostile key such as `__proto__` stays plain data.
  return Object.fromEntries(
    Object.entries(entries).filter((e): e is [string, JsonValue] => e[1] !== undefined && e[1] !== null),
  );
}

/** Graph `tags` (a string array) as the inventory's tag map: each tag becomes `{ [tag]: 'true' }`. */
export function tagMap(tags: readonly string[] | null | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag, 'true']));
}
