/**
 * The Entra side of the demo: one tenant with Microsoft first-party service principals (Graph,
 * Exchange and SharePoint carrying their real permissions), named scenarios, then bulk objects.
 */
import type { Clock } from '../clock';
import type { Rng } from '../random';
import type { GraphCollection } from '../types';
import { FIRST_PARTY_APPS } from './catalog';
import { fillTenant } from './bulk';
import { addEntraScenarios } from './scenarios';
import { TenantBuilder } from './tenant-builder';

export interface EntraDemo {
  files: Record<string, GraphCollection>;
  tenantId: string;
}

/** Real tenants hold hundreds of first-party service principals; the demo scales them with size. */
function firstPartyCount(target: number): number {
  return Math.min(FIRST_PARTY_APPS.length, Math.max(25, Math.round(target * 0.12)));
}

export function generateEntra(rng: Rng, clock: Clock, target: number): EntraDemo {
  const t = new TenantBuilder(rng.fork('entra:tenant'), clock);
  for (const [appId, name] of FIRST_PARTY_APPS.slice(0, firstPartyCount(target)))
    t.addFirstParty(appId, name);
  addEntraScenarios(t);
  fillTenant(t, target);
  return { files: t.build(), tenantId: t.tenantId };
}
