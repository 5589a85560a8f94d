/** Display text for inventory and assessment codes. Unknown codes are shown as they are. */
import type { AgentFacet, CredentialFacet, IdentitySeverity, OwnerFacet } from '../../model/api';
import type { TriageStatus } from '../../model/findings';
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

export const AGENT_LABELS: Record<AgentFacet, string> = {
  yes: 'Agent',
  likely: 'Likely agent',
  no: 'Not an agent',
  unknown: 'Not assessed',
};

export const SEVERITY_LABELS: Record<IdentitySeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
  none: 'No findings',
};

export const OWNER_LABELS: Record<OwnerFacet, string> = {
  'has-owner': 'Has an owner',
  'no-owner': 'No owner',
};

export const CREDENTIAL_LABELS: Record<CredentialFacet, string> = {
  'access-key': 'Access key',
  password: 'Password',
  'signing-certificate': 'Signing certificate',
  'client-secret': 'Client secret',
  certificate: 'Certificate',
  'federated-credential': 'Federated credential',
  'service-specific': 'Service-specific credential',
  none: 'No credential',
};

export const TRIAGE_LABELS: Record<TriageStatus, string> = {
  open: 'Open',
  'accepted-risk': 'Accepted risk',
  'false-positive': 'False positive',
  fixed: 'Fixed',
};

export function label<K extends string>(labels: Record<K, string>, code: string): string {
  return (labels as Record<string, string>)[code] ?? code;
}

const numberFormat = new Intl.NumberFormat('en');

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** `2024-05-01T10:00:00.000Z` -> `2024-05-01`; dates are shown in UTC, as stored. */
export function formatDate(iso: string | undefined): string {
  return iso === undefined ? '' : iso.slice(0, 10);
}

/** `2024-05-01 10:00 UTC`. */
export function formatDateTime(iso: string | undefined): string {
  return iso === undefined ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
