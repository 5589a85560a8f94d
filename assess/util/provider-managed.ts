/**
 * Identities the cloud provider runs for itself: Microsoft first-party service principals and AWS
 * service-linked roles. They show up in every tenant and account, the client cannot change them, so
 * rules skip them and classification says why.
 */
import type { Identity } from '../../model/inventory';
import { attrBool, attrString } from './json';

/** Tenants that own Microsoft's first-party applications (Microsoft Services, Microsoft corp). */
const MICROSOFT_TENANTS = new Set([
  'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
]);

export function providerManaged(identity: Identity): 'microsoft' | 'aws' | undefined {
  const a = identity.attributes;
  if (identity.provider === 'entra') {
    if (attrBool(a, 'firstParty') === true) return 'microsoft';
    const owner = attrString(a, 'appOwnerOrganizationId');
    if (owner && MICROSOFT_TENANTS.has(owner.toLowerCase())) return 'microsoft';
    return undefined;
  }
  if (attrBool(a, 'serviceLinked') === true) return 'aws';
  const path = attrString(a, 'path');
  if (path?.startsWith('/aws-service-role/')) return 'aws';
  if (identity.kind === 'aws-role' && identity.nativeId.includes(':role/aws-service-role/')) return 'aws';
  return undefined;
}
