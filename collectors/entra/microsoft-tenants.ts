/**
 * Tenants Microsoft publishes its own (first-party) applications from. A service principal whose
 * `appOwnerOrganizationId` is one of these is a Microsoft app, not a customer's or a vendor's.
 * f8cdef31 (Microsoft Services) and 72f988bf (Microsoft Corp) own nearly all of them; the others
 * are Microsoft's infrastructure tenants (AME, PME, Torus) that own a few service apps.
 */
export const MICROSOFT_TENANT_IDS: ReadonlySet<string> = new Set([
  'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
  '33e01921-4d64-4f8c-a055-5bdaffd5e33d',
  '975f013f-7f24-47e8-a7d3-abc4752bf346',
  'cdc5aeea-15c5-4db6-b079-fcadd2505dc2',
]);

export function isMicrosoftTenant(tenantId: string | null | undefined): boolean {
  return typeof tenantId === 'string' && MICROSOFT_TENANT_IDS.has(tenantId.toLowerCase());
}
