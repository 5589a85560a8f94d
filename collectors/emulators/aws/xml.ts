/**
 * XML for the AWS Query protocol (IAM, STS): structures become elements, lists become `<member>`
 * children (Query lists are never flattened in these two services), scalars become text.
 */
import type { JsonValue } from '../../../model/inventory';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text content: markup characters escaped; characters XML 1.0 cannot carry at all are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
      // Matching control characters is the point here: XML 1.0 cannot carry them.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** Field names whose values are timestamps; they are sent in the API's form `2024-01-02T03:04:05Z`. */
const TIMESTAMP_FIELDS = new Set([
  'CreateDate',
  'UpdateDate',
  'LastUsedDate',
  'ExpirationDate',
  'GeneratedTime',
  'Expiration',
  'JobCreationDate',
  'JobCompletionDate',
  'LastAuthenticated',
]);

/** An IAM API timestamp: whole seconds drop the fraction, as IAM sends them. */
export function apiTimestamp(value: string | number | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toISOString().replace('.000Z', 'Z');
}

function scalar(name: string, value: string | number | boolean): string {
  if (typeof value === 'string' && TIMESTAMP_FIELDS.has(name)) return escapeXml(apiTimestamp(value));
  return escapeXml(String(value));
}

/** One element `<name>...</name>` for a JSON value; null and undefined members are left out. */
export function xmlElement(name: string, value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((v) => xmlElement('member', v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${xmlMembers(value)}</${name}>`;
  return `<${name}>${scalar(name, value)}</${name}>`;
}

/** The elements of an object's members, in the object's key order. */
export function xmlMembers(value: { [key: string]: JsonValue | undefined }): string {
  let out = '';
  for (const [key, member] of Object.entries(value)) out += xmlElement(key, member);
  return out;
}
