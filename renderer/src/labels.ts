/** Display text for inventory codes. Unknown codes are shown as they are. */
import type { IdentityKind, Provider } from '../../model/inventory';

export const PROVIDER_LABELS: Record<Provider, string> = {
  aws: 'AWS',
  entra: 'Entra ID',
};

export const KIND_LABELS: Record<IdentityKind, string> = {
  'aws-role': 'IAM role',
  'aws-user': 'IAM user',
  'aws-root': 'Root user',
  'entra-service-principal': 'Service principal',
  'entra-application': 'App registration',
  'entra-managed-identity': 'Managed identity',
  'entra-agent-identity': 'Agent identity',
  'entra-agent-blueprint': 'Agent blueprint',
  'entra-agent-blueprint-principal': 'Agent blueprint principal',
  'api-key': 'API key',
};

const numberFormat = new Intl.NumberFormat('en');

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** `2024-05-01T10:00:00.000Z` -> `2024-05-01`; dates are shown in UTC, as stored. */
export function formatDate(iso: string | undefined): string {
  return iso === undefined ? '' : iso.slice(0, 10);
}
