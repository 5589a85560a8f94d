/**
 * The Entra ID live collector: sign in with @azure/identity, read the tenant through Microsoft
 * Graph (read-only by construction), and build the inventory with the offline import's transform.
 */
export {
  collectEntra,
  type EntraCollection,
  type EntraCollectOptions,
  type EndpointOutcome,
  type CollectProgress,
} from './collect';
export {
  GraphTransport,
  type GraphTransportOptions,
  type RawGraphResponse,
  type GraphCallStats,
} from './transport';
export { assertReadOnlyRequest, ReadOnlyViolationError } from './read-only-guard';
export {
  createGraphSignIn,
  StaticTokenCredential,
  ENTRA_AUTH_METHODS,
  isEntraAuthMethod,
  SECRET_ENV,
  DEFAULT_PUBLIC_CLIENT_ID,
  type EntraAuthMethod,
  type EntraAuthOptions,
  type GraphSignIn,
  type DeviceCodePrompt,
} from './auth';
export {
  CLOUDS,
  CLOUD_NAMES,
  isCloudName,
  resolveCloud,
  normalizeBaseUrl,
  type CloudName,
  type ResolvedCloud,
} from './clouds';
export {
  GRAPH_PERMISSIONS,
  describeGraphPermissions,
  type GraphPermission,
  type PermissionInfo,
} from './permissions';
export {
  Pacer,
  parseRetryAfter,
  backoffDelay,
  DEFAULT_RETRY,
  KEY_CREDENTIALS_BUDGET,
  type RetryPolicy,
  type Budget,
} from './pacer';
export { GraphCallError, ScanCancelledError, type GraphFailureKind } from './errors';
export { LIST_SPECS, PER_OBJECT_SPECS, DIRECTORY_PAGE_SIZE, followUps } from './plan';
export { transformEntraCollection, entraLiveSource, collectedTenantId } from './live-inventory';
export { saveEntraRaw, assertEmptyFolder, SAVED_PAGE_SIZE } from './save-raw';
