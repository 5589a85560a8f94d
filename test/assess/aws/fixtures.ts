/**
 * Builders for realistic AWS inventories in the shape the collectors produce: stable ids
 * `aws:<arn>`, one grant per policy statement, one trust row per trusted principal.
 */
import {
  emptyInventory,
  type Inventory,
  type JsonValue,
  type PolicyStatement,
  type Trust,
  type Workload,
} from '../../../model/inventory';
import { type AwsCatalog, loadAwsCatalog } from '../../../assess/aws/catalog';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

export const ADMIN_STATEMENT: PolicyStatement = { Effect: 'Allow', Action: '*', Resource: '*' };

let catalogPromise: Promise<AwsCatalog> | undefined;
export function catalog(): Promise<AwsCatalog> {
  catalogPromise ??= loadAwsCatalog();
  return catalogPromise;
}

export interface PolicyOptions {
  name?: string;
  arn?: string;
  attachedVia?: string;
  boundary?: boolean;
}

export interface TrustOptions {
  actions?: string[];
  conditions?: Record<string, Record<string, JsonValue>>;
  effect?: 'Allow' | 'Deny';
}

export function roleArn(name: string, account = ACCOUNT, path = '/'): string {
  return `arn:aws:iam::${account}:role${path}${name}`;
}

export function userArn(name: string, account = ACCOUNT): string {
  return `arn:aws:iam::${account}:user/${name}`;
}

export class InventoryBuilder {
  readonly inventory: Inventory = emptyInventory();
  private policyCounter = 0;

  private identity(
    kind: 'aws-role' | 'aws-user' | 'aws-root',
    arn: string,
    name: string,
    account: string,
    tags = {},
  ) {
    const id = `aws:${arn}`;
    this.inventory.identities.push({
      id,
      provider: 'aws',
      kind,
      nativeId: arn,
      name,
      account,
      enabled: true,
      tags,
      owners: [],
      attributes: {},
    });
    return id;
  }

  role(name: string, opts: { account?: string; path?: string; tags?: Record<string, string> } = {}): string {
    const account = opts.account ?? ACCOUNT;
    return this.identity('aws-role', roleArn(name, account, opts.path), name, account, opts.tags);
  }

  user(
    name: string,
    opts: { account?: string; tags?: Record<string, string>; groups?: string[] } = {},
  ): string {
    const account = opts.account ?? ACCOUNT;
    const id = this.identity('aws-user', userArn(name, account), name, account, opts.tags);
    if (opts.groups) {
      const identity = this.inventory.identities.find((i) => i.id === id);
      if (identity) identity.attributes.groups = opts.groups;
    }
    return id;
  }

  root(account = ACCOUNT): string {
    return this.identity('aws-root', `arn:aws:iam::${account}:root`, '<root_account>', account);
  }

  /** Attach a policy document: one grant per statement. Returns the grant ids. */
  policy(identityId: string, statements: PolicyStatement[], opts: PolicyOptions = {}): string[] {
    const name = opts.name ?? `policy-${++this.policyCounter}`;
    const kind = opts.boundary ? 'aws-permissions-boundary' : 'aws-policy-statement';
    return statements.map((statement, statementIndex) => {
      const id = `${identityId}#${opts.boundary ? 'boundary' : 'policy'}/${name}${opts.attachedVia ? `@${opts.attachedVia}` : ''}/${statementIndex}`;
      const resource =
        statement.Resource ?? (statement.NotResource ? `NOT ${String(statement.NotResource)}` : '*');
      this.inventory.grants.push({
        id,
        identityId,
        provider: 'aws',
        kind,
        policyType: opts.arn ? 'managed' : 'inline',
        policyName: name,
        ...(opts.arn ? { policyArn: opts.arn } : {}),
        ...(opts.attachedVia ? { attachedVia: opts.attachedVia } : {}),
        statementIndex,
        statement,
        resource: Array.isArray(resource) ? resource.join(', ') : resource,
      });
      return id;
    });
  }

  managedRef(identityId: string, policyArn: string, attachedVia?: string): string {
    const id = `${identityId}#ref/${policyArn}`;
    this.inventory.grants.push({
      id,
      identityId,
      provider: 'aws',
      kind: 'aws-managed-policy-ref',
      policyName: policyArn.slice(policyArn.lastIndexOf('/') + 1),
      policyArn,
      ...(attachedVia ? { attachedVia } : {}),
      resource: '*',
    });
    return id;
  }

  trust(roleId: string, principalType: string, principal: string, opts: TrustOptions = {}): string {
    const id = `${roleId}#trust/${this.inventory.trusts.length}`;
    const actions = opts.actions ?? [
      principalType === 'Federated' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole',
    ];
    const trust: Trust = {
      id,
      identityId: roleId,
      provider: 'aws',
      kind: 'aws-trust-statement',
      principalType,
      principal,
      effect: opts.effect ?? 'Allow',
      actions,
      conditions: opts.conditions ?? {},
      evidence: {
        Effect: opts.effect ?? 'Allow',
        Principal: { [principalType]: principal },
        Action: actions,
        ...(opts.conditions ? { Condition: opts.conditions } : {}),
      },
    };
    this.inventory.trusts.push(trust);
    return id;
  }

  workload(kind: Workload['kind'], arn: string, name: string, roleId: string, account = ACCOUNT): string {
    const role = this.inventory.identities.find((i) => i.id === roleId);
    const id = `aws:${arn}`;
    this.inventory.workloads.push({
      id,
      provider: 'aws',
      kind,
      nativeId: arn,
      name,
      account,
      identityId: roleId,
      ...(role ? { roleArn: role.nativeId } : {}),
      attributes: {},
    });
    return id;
  }
}
