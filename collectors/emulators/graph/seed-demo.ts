/**
 * The emulator's tenant built from the demo tenant: exactly the Graph responses of the demo's
 * import files, so a live scan of the emulator can be compared with an import of the same files.
 */
import type { DemoTenant } from '../../demo/types';
import type { GraphSeed } from './types';

export function graphSeedFromDemo(tenant: Pick<DemoTenant, 'entra'>): GraphSeed {
  const seed: Record<string, readonly unknown[]> = {};
  for (const [path, collection] of Object.entries(tenant.entra)) seed[path] = collection.value;
  return seed;
}

/** The access token the demo scan signs in with (a fake value the emulator accepts, no secret). */
export const DEMO_GRAPH_TOKEN = 'agent-anchor-demo-tenant-token';
