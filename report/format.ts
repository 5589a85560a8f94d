/** Labels and number/date formats shared by the report model, the HTML template and the exports. */
import type { AgentVerdict } from '../model/assess';
import type { Severity } from '../model/findings';
import type { IdentityKind, Provider } from '../model/inventory';
import type { SeverityCounts } from './types';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const PROVIDER_LABEL: Readonly<Record<Provider, string>> = { aws: 'AWS', entra: 'Entra ID' };

export const AGENT_LABEL: Readonly<Record<AgentVerdict, string>> = {
  yes: 'Agent',
  likely: 'Likely agent',
  no: 'Other NHI',
};

export const KIND_LABEL: Readonly<Record<IdentityKind, string>> = {
  'aws-role': 'IAM role',
  'aws-user': 'IAM user',
  'aws-root': 'AWS root user',
  'entra-service-principal': 'Service principal',
  'entra-application': 'App registration',
  'entra-managed-identity': 'Managed identity',
  'entra-agent-identity': 'Agent identity',
  'entra-agent-blueprint': 'Agent blueprint',
  'entra-agent-blueprint-principal': 'Blueprint principal',
  'api-key': 'API key',
};

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** Agents (yes, then likely) before other identities: the order every list in the report uses. */
export const AGENT_RANK: Readonly<Record<AgentVerdict, number>> = { yes: 0, likely: 1, no: 2 };

export function isAgent(verdict: AgentVerdict | undefined): boolean {
  return verdict === 'yes' || verdict === 'likely';
}

/** Plain code-unit comparison: locale-independent, so output never depends on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-11-01` from an ISO timestamp; empty for none. */
export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

/** `2026-11-01 14:05 UTC`. */
export function dayTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '';
}

/** Long date for the cover, in English regardless of the machine's locale. */
export function longDate(iso: string): string {
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const d = new Date(iso);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

export function percent(numerator: number, denominator: number): string {
  if (denominator === 0) return '–';
  return `${Math.round((numerator / denominator) * 100)} %`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** Risk points print with at most one decimal. */
export function points(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString('en-US');
}

/** Shortens long tenant text for print (the exports keep it whole); counts code points, not UTF-16 units. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
