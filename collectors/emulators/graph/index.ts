/**
 * A Microsoft Graph emulator speaking Graph's wire protocol (OData JSON, paging, $select, $batch,
 * beta and v1.0) and the identity platform's sign-in endpoints, on 127.0.0.1, for tests, the bench
 * and the app's "demo organization" scan. Not a test-only module: the app uses it.
 */
export { startGraphEmulator, type GraphEmulator } from './server';
export { graphSeedFromDemo, DEMO_GRAPH_TOKEN } from './seed-demo';
export { GraphFaults } from './faults';
export { GraphStore } from './store';
export type * from './types';
