/** What the KPI calculations read: the indexed inventory, the verdicts and both privilege analyses. */
import type { AssessSettings, Classification } from '../../model/assess';
import type { Identity } from '../../model/inventory';
import type { AwsPrivilegeView } from '../aws-view';
import type { EntraPrivilegeAnalysis } from '../entra/paths';
import type { InventoryIndex } from '../inventory-index';

export interface KpiContext {
  index: InventoryIndex;
  classifications: Readonly<Record<string, Classification>>;
  aws: AwsPrivilegeView;
  entra: EntraPrivilegeAnalysis;
  nowMs: number;
  settings: AssessSettings;
  /** AWS accounts that are the client's (in the inventory or trusted in the settings). */
  clientAccounts: ReadonlySet<string>;
}

/**
 * An Entra application and its service principal are one app: credentials usually sit on the
 * application, permissions on the service principal. Tests about "the agent" look at both.
 */
export function appGroup(ctx: KpiContext, identity: Identity): Identity[] {
  if (identity.provider !== 'entra') return [identity];
  const counterpart = ctx.index.entraCounterpart.get(identity.id);
  return counterpart ? [identity, counterpart] : [identity];
}

export function displayName(identity: Identity): string {
  return identity.displayName ?? identity.name;
}
