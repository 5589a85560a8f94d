/** Agent classification of every identity: `yes`, `likely` or `no`, with the evidence that decided. */
import type { Classification } from '../../model/assess';
import type { Identity } from '../../model/inventory';
import { LastLookupMap, type InventoryIndex } from '../inventory-index';
import { providerManaged } from '../util/provider-managed';
import { awsSignals } from './aws-signals';
import { entraSignals } from './entra-signals';
import { decide } from './verdict';

export function classifyIdentity(identity: Identity, index: InventoryIndex): Classification {
  const managed = providerManaged(identity);
  if (managed) {
    return decide(
      identity.id,
      [
        {
          signal: managed === 'microsoft' ? 'microsoft-first-party' : 'aws-service-linked',
          strength: 'exclusion',
          summary:
            managed === 'microsoft'
              ? 'Microsoft first-party service principal: run by Microsoft, not the client'
              : 'AWS service-linked role: created and managed by an AWS service',
        },
      ],
      managed,
    );
  }
  const signals = identity.provider === 'aws' ? awsSignals(identity, index) : entraSignals(identity, index);
  return decide(identity.id, signals);
}

export function classifyAll(index: InventoryIndex): ReadonlyMap<string, Classification> {
  const out = new LastLookupMap<string, Classification>();
  for (const identity of index.identities) out.set(identity.id, classifyIdentity(identity, index));
  return out;
}

export { decide } from './verdict';
