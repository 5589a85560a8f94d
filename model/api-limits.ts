/**
 * Limits of the app API contract, kept free of zod so the renderer can import them without
 * bundling the schemas.
 */

/** Page size used when a caller gives none, and the most one call returns. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
/** Longest search text accepted; longer input is a caller bug, not a search. */
export const MAX_SEARCH_LENGTH = 200;
/** Bounds of the demo organization the UI may ask for: small enough to stay interactive. */
export const DEMO_SIZE_MIN = 50;
export const DEMO_SIZE_MAX = 20_000;
/** Most finding keys one triage call changes; the UI sends larger selections in batches. */
export const MAX_TRIAGE_KEYS = 5000;
/** Most entries each list of a diff carries; its counts are always complete. */
export const DIFF_LIST_LIMIT = 500;

/**
 * Entra sign-ins whose app is not ours to name (the Azure CLI's own, or whichever app a handed-over
 * token was issued to): no application (client) id goes with them.
 */
export const ENTRA_OWN_APP_AUTHS: ReadonlySet<string> = new Set(['azure-cli', 'token']);
