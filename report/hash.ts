/**
 * The report's integrity hash: SHA-256 over the report model in canonical JSON (sorted keys, no
 * whitespace), leaving out the generation time and the integrity block (the hash itself and the
 * audit chain head, which every export moves on). The same data always gives the same hash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../db/canonical-json';
import type { ReportModel } from './types';

export function reportDataHash(model: ReportModel): string {
  const { generatedAt: _generatedAt, integrity: _integrity, ...rest } = model;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
