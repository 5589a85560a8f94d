/** Engagement settings (key -> JSON value) and the meta table. */
import type { JsonValue } from '../../model/inventory';
import { canonicalJson } from '../canonical-json';
import type { StatementCache } from '../statement-cache';
import { appendAuditRow } from './audit';

const GET_SETTING = 'SELECT value FROM settings WHERE key = ?';
const PUT_SETTING =
  'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
const GET_META = 'SELECT value FROM meta WHERE key = ?';
const PUT_META =
  'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export function readSetting(q: StatementCache, key: string): JsonValue | undefined {
  const text = q.pluckStmt<string>(GET_SETTING).get(key);
  return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
}

/** Store a setting and audit the change (with the previous value); an unchanged value writes nothing. */
export function writeSetting(q: StatementCache, key: string, value: JsonValue, actor: string): void {
  const text = canonicalJson(value);
  const write = q.db.transaction(() => {
    const previousText = q.pluckStmt<string>(GET_SETTING).get(key);
    if (previousText !== undefined && canonicalJson(JSON.parse(previousText)) === text) return;
    q.rowStmt(PUT_SETTING).run(key, text);
    const detail: Record<string, JsonValue> = { key, value: JSON.parse(text) as JsonValue };
    if (previousText !== undefined) detail.previous = JSON.parse(previousText) as JsonValue;
    appendAuditRow(q, 'settings.set', detail, actor);
  });
  write.immediate();
}

export function readMeta(q: StatementCache, key: string): string | undefined {
  return q.pluckStmt<string>(GET_META).get(key);
}

export function writeMeta(q: StatementCache, key: string, value: string): void {
  q.rowStmt(PUT_META).run(key, value);
}
