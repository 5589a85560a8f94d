/** The AWS live collector: read-only discovery of one account or a whole AWS Organization. */
export {
  collectAws,
  AwsScanError,
  DEFAULT_ORG_ROLE,
  type AwsScanOptions,
  type AwsScanOutcome,
  type AwsScanRun,
  type AwsAccountOutcome,
} from './collect-aws';
export type { AwsScanProgress, AwsScanPhase, AwsProgressListener } from './runtime';
export {
  READ_OPERATIONS,
  allowedOperations,
  iamActionOf,
  accountScanActions,
  awsScanPolicy,
  awsOrgCallerPolicy,
  type ReadOperation,
  type AwsServiceKey,
  type PolicyDocumentJson,
} from './permissions';
export { addReadOnlyGuard, ReadOnlyViolationError, READ_ONLY_GUARD } from './read-only-guard';
export { AwsClientFactory, type AwsCredentials, type AwsCredentialValues } from './clients';
export { createLimiter, ScanCancelledError, type Limiter } from './limit';
export { AwsCallError, classifyAwsError, type AwsFailureKind } from './errors';
export { PARTITIONS, partitionOfRegion, regionalServices, type AwsPartition } from './partitions';
export { renderAuditRoleTemplate } from './audit-role-template';
