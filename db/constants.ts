/**
 * Fixed identifiers of the engagement file format. Changing any of these makes existing
 * engagement files unreadable, so they never change.
 */

/** `PRAGMA application_id` of every engagement file: ASCII 'AANC' (Agent ANChor). */
export const APPLICATION_ID = 0x41414e43;

/** File name extension the front ends offer for engagement files. */
export const ENGAGEMENT_EXTENSION = '.anchor';

/** `prev_hash` of the first audit row: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** How long a connection waits for another process's write lock before giving up (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** Format an application_id the way error messages and `meta()` show it: 0x41414e43. */
export function formatApplicationId(id: number): string {
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}
