/** The engagement file: one SQLite file per client holding scans, findings, triage and the audit log. */
export { openEngagement } from './open';
export { EngagementDb } from './engagement-db';
export { APPLICATION_ID, ENGAGEMENT_EXTENSION, GENESIS_HASH, formatApplicationId } from './constants';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, applyMigrations } from './migrations';
export type { Migration } from './migrations';
export { auditRowHash } from './audit-chain';
export type { AuditRowContent } from './audit-chain';
export { canonicalJson } from './canonical-json';
export { scanStatus } from './scan-store';
export { ScanReader } from './scan-reader';
export type { CredentialListRow, IdentityListRow, IdentityRows as StoredIdentityRows } from './scan-reader';
export type {
  AuditEntry,
  AuditVerification,
  EngagementMeta,
  InventoryFilter,
  OpenEngagementOptions,
  ScanMethod,
  StoreScanInput,
  StoreScanOptions,
  StoreScanProgress,
} from './types';
