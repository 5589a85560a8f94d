/**
 * The Entra ID collector's public surface: read an export folder (I/O), transform it (pure),
 * write raw data back as a folder. The live collector reuses `transformEntraTenant` as is.
 */
export { readEntraDir, requestPathOf, type EntraDirRead } from './read-folder';
export { writeEntraDir, DEFAULT_PAGE_SIZE } from './write-folder';
export { entraImportSource, transformEntraImport } from './import-source';
export { transformEntraTenant, entraTenantId, type EntraTransformContext } from './transform';
export type { ReadNote } from './read-note';
export { parseEntraRaw, parseItems, type EntraRaw, type ParsedTenant } from './parse-raw';
export {
  ENDPOINTS,
  REQUIRED_ENDPOINTS,
  matchEndpoint,
  notExported,
  type Endpoint,
  type EndpointKey,
} from './endpoints';
export { MICROSOFT_TENANT_IDS, isMicrosoftTenant } from './microsoft-tenants';
export { DEFAULT_ACCESS_ROLE_ID } from './grants';
export * from './raw-schemas';
