/**
 * The delegation links of agents and their four tests (docs/kpis.md has the full table). A link
 * hands authority from a delegator to a delegate; it touches an agent when the agent is either end.
 *
 *   aws-trust             trust statement: the trusted principal (delegator) becomes the role (delegate)
 *   aws-pass-role         Allow statement naming iam:PassRole: the holder (delegator) hands roles to a service
 *   owner                 owner of an app, service principal or agent (delegator) controls it (delegate)
 *   federated-credential  Entra federated credential: an external workload (delegator) acts as the app
 *   delegated-grant       OAuth2 delegated permission grant: users (delegator) let the app act for them
 *   blueprint             Entra agent identity blueprint (delegator) gets tokens for its agent identity
 *
 * Each test is pass, fail or n/a (where the platform has no such control, with the reason).
 */
import type {
  DelegationLink,
  DelegationLinkKind,
  DelegationTest,
  LinkParty,
  TestOutcome,
} from '../../model/posture';
import type { AwsPolicyGrant, Grant, Identity, Trust } from '../../model/inventory';
import { rowsOf } from '../inventory-index';
import { isHighRiskPermission } from '../entra/tiers';
import {
  asList,
  flattenConditions,
  iamGlobMatch,
  isLikeOperator,
  isRestricting,
  principalAccount,
  type FlatCondition,
} from '../util/aws-policy';
import { providerManaged } from '../util/provider-managed';
import { daysBetween } from '../util/time';
import { privilegeReasons, standingCredentials } from './agent-facts';
import { appGroup, displayName, type KpiContext } from './context';

const pass = (reason: string): TestOutcome => ({ result: 'pass', reason });
const fail = (reason: string): TestOutcome => ({ result: 'fail', reason });
const na = (reason: string): TestOutcome => ({ result: 'n/a', reason });

type Tests = Record<DelegationTest, TestOutcome>;

const ACCOUNT_WIDE = /^(\d{12}|arn:aws[\w-]*:iam::\d{12}:root)$/;
const NAMED_ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[^*?]+$/;
/** `*`, `arn:aws:iam::123456789012:role/*` and the like: every role, no one role in particular. */
const BLANKET_ROLE_PATTERN = /^(\*|arn:aws[\w*-]*:iam::(\d{12}|\*):(\*|role\/\*))$/;

class LinkCollector {
  private readonly links = new Map<string, DelegationLink>();
  private readonly privileged = new Map<string, string[]>();
  private readonly agentIds: ReadonlySet<string>;
  private readonly agentArns: ReadonlySet<string>;

  constructor(
    private readonly ctx: KpiContext,
    agents: readonly Identity[],
  ) {
    this.agentIds = new Set(agents.map((a) => a.id));
    this.agentArns = new Set(agents.filter((a) => a.provider === 'aws').map((a) => a.nativeId));
    this.hasAwsAgents = this.agentArns.size > 0;
    this.hasAwsAgentRoles = agents.some((a) => a.kind === 'aws-role');
  }

  /** Some agent is an AWS identity (roles may trust it). */
  readonly hasAwsAgents: boolean;
  /** Some agent is an AWS role (others may pass it). */
  readonly hasAwsAgentRoles: boolean;

  /** Why an identity counts as privileged (empty: it does not); memoised. */
  privilegeOf(identity: Identity | undefined): string[] {
    if (!identity) return [];
    let reasons = this.privileged.get(identity.id);
    if (!reasons) {
      reasons = privilegeReasons(this.ctx, identity);
      this.privileged.set(identity.id, reasons);
    }
    return reasons;
  }

  /**
   * Privilege the delegator holds by its own grants: admin-equivalence (AWS) or privileged roles,
   * control-plane permissions and paths to Global Administrator (Entra). What it reaches through
   * links such as the one being judged does not count, or every such link would excuse itself.
   */
  ownPrivilegeOf(identity: Identity | undefined): boolean {
    if (!identity) return false;
    if (identity.provider === 'aws')
      return this.ctx.aws.byIdentity.get(identity.id)?.adminEquivalent !== undefined;
    return this.privilegeOf(identity).length > 0;
  }

  /** The delegate may not hold privilege its delegator lacks. */
  noWider(delegate: Identity, delegator: Identity | undefined, delegatorName: string): TestOutcome {
    const reasons = this.privilegeOf(delegate);
    if (reasons.length === 0) return pass(`${displayName(delegate)} is not privileged`);
    if (this.ownPrivilegeOf(delegator)) return pass(`the delegator ${delegatorName} is itself privileged`);
    return fail(
      `${displayName(delegate)} is privileged (${reasons.join('; ')}) and the delegator ${delegatorName} is not`,
    );
  }

  add(
    kind: DelegationLinkKind,
    key: string,
    ref: string,
    delegator: LinkParty,
    delegate: LinkParty,
    agents: readonly string[],
    tests: () => Tests,
  ): void {
    const id = `${kind}:${key}`;
    const existing = this.links.get(id);
    if (existing) {
      existing.agentIds = [...new Set([...existing.agentIds, ...agents])].sort();
      return;
    }
    const t = tests();
    this.links.set(id, {
      id,
      kind,
      delegator,
      delegate,
      agentIds: [...new Set(agents)].sort(),
      ref,
      tests: t,
      intact: Object.values(t).every((o) => o.result !== 'fail'),
    });
  }

  isAgent(id: string | undefined): id is string {
    return id !== undefined && this.agentIds.has(id);
  }

  isAgentArn(arn: string): boolean {
    return this.agentArns.has(arn);
  }

  result(): DelegationLink[] {
    return [...this.links.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

// ---- AWS trust policies ----

function trustPrincipal(ctx: KpiContext, t: Trust): Identity | undefined {
  return (
    (t.principalId ? ctx.index.identityById.get(t.principalId) : undefined) ??
    ctx.index.identityByNativeId.get(t.principal)
  );
}

function hasKey(conditions: readonly FlatCondition[], keys: readonly string[]): FlatCondition | undefined {
  return conditions.find((c) => keys.includes(c.key));
}

function isOidcFederation(principal: string): boolean {
  return principal.includes(':oidc-provider/') || principal === 'cognito-identity.amazonaws.com';
}

function trustAttributable(t: Trust): TestOutcome {
  const principal = t.principal;
  if (principal === '*' || t.principalType === '*') return fail('any principal ("*") may assume the role');
  if (t.principalType === 'AWS' && ACCOUNT_WIDE.test(principal))
    return fail(
      `every principal of account ${principalAccount(principal) ?? principal} allowed to assume roles`,
    );
  if (t.principalType === 'Federated') {
    if (!isOidcFederation(principal)) return pass(`SAML provider ${principal}: a named user signs in`);
    const subjects = flattenConditions(t.conditions).filter((c) => c.key.endsWith(':sub'));
    if (subjects.length === 0)
      return fail(`no subject condition: any identity of ${principal} may assume the role`);
    const wildcard = subjects.find((c) => isLikeOperator(c.operator) && c.values.some((v) => /[*?]/.test(v)));
    if (wildcard) return fail(`subject pattern ${wildcard.values.join(', ')}`);
    return pass(`subject ${subjects.flatMap((c) => c.values).join(', ')}`);
  }
  if (t.principalType === 'Service') return pass(`AWS service ${principal}`);
  return pass(`named principal ${principal}`);
}

function trustBounded(ctx: KpiContext, t: Trust): TestOutcome {
  const conditions = flattenConditions(t.conditions).filter(isRestricting);
  const principal = t.principal;
  if (principal === '*' || t.principalType === '*') {
    const c = hasKey(conditions, [
      'aws:principalorgid',
      'aws:principalorgpaths',
      'aws:principalaccount',
      'aws:principalarn',
      'aws:sourceaccount',
      'aws:sourcearn',
      'aws:sourceorgid',
    ]);
    return c ? pass(`limited by ${c.key}`) : fail('any principal, no organisation, account or ARN condition');
  }
  if (t.principalType === 'Service') {
    const c = hasKey(conditions, [
      'aws:sourcearn',
      'aws:sourceaccount',
      'aws:sourceorgid',
      'aws:sourceorgpaths',
    ]);
    return c
      ? pass(`limited by ${c.key}`)
      : fail(
          'no aws:SourceArn or aws:SourceAccount condition: any resource of the service may use the role (confused deputy)',
        );
  }
  if (t.principalType === 'Federated') {
    const aud = conditions.find((c) => c.key.endsWith(':aud'));
    return aud ? pass(`audience ${aud.values.join(', ')}`) : fail('no audience condition');
  }
  const account = principalAccount(principal);
  if (account !== undefined && !ctx.clientAccounts.has(account)) {
    const c = hasKey(conditions, ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths']);
    return c
      ? pass(`cross-account, limited by ${c.key}`)
      : fail(`cross-account trust to ${account} without sts:ExternalId or aws:PrincipalOrgID`);
  }
  return pass('a principal of a client account, bound by its own policies');
}

function addTrustLink(c: LinkCollector, ctx: KpiContext, role: Identity, t: Trust): void {
  if (t.kind !== 'aws-trust-statement' || t.effect !== 'Allow' || providerManaged(role)) return;
  const principal = trustPrincipal(ctx, t);
  const agents = [role.id, principal?.id].filter((id) => c.isAgent(id));
  c.add(
    'aws-trust',
    t.id,
    t.id,
    { ...(principal ? { id: principal.id } : {}), name: t.principal },
    { id: role.id, name: role.nativeId },
    agents,
    () => ({
      attributable: trustAttributable(t),
      bounded: trustBounded(ctx, t),
      timeLimited: na('role sessions are temporary credentials; the export has no maximum session duration'),
      noWiderThanDelegator: c.noWider(role, principal, t.principal),
    }),
  );
}

function collectTrustLinks(c: LinkCollector, ctx: KpiContext, agents: readonly Identity[]): void {
  // Who may become an agent role.
  for (const agent of agents) {
    if (agent.provider !== 'aws') continue;
    for (const t of rowsOf(ctx.index.trusts, agent.id)) addTrustLink(c, ctx, agent, t);
  }
  // Which roles an agent may become: one pass over every trust, most rejected on the principal type.
  if (!c.hasAwsAgents) return;
  for (const [roleId, rows] of ctx.index.rows) {
    for (const t of rows.trusts) {
      if (t.principalType !== 'AWS') continue;
      if (!c.isAgent(t.principalId) && !c.isAgentArn(t.principal)) continue;
      const role = ctx.index.identityById.get(roleId);
      if (role) addTrustLink(c, ctx, role, t);
    }
  }
}

// ---- iam:PassRole ----

const PASS_ROLE = /^iam:passrole$/i;
const MAY_COVER_PASS_ROLE = /^(iam:|\*)/i;

/** The Action list names iam:PassRole, directly or by a wildcard such as `iam:Pass*` or `iam:*`. */
function grantsPassRole(g: AwsPolicyGrant): boolean {
  if (g.statement.Effect !== 'Allow') return false;
  const actions = g.statement.Action;
  if (actions === undefined) return false;
  for (const a of Array.isArray(actions) ? actions : [actions]) {
    // A bare "*" (or NotAction) is administrator access, measured by the privilege KPIs instead.
    if (a === '*') continue;
    if (PASS_ROLE.test(a)) return true;
    if (
      (a.includes('*') || a.includes('?')) &&
      MAY_COVER_PASS_ROLE.test(a) &&
      iamGlobMatch(a, 'iam:PassRole')
    )
      return true;
  }
  return false;
}

/** Services a role trusts: only those roles can be passed, and only to those services. */
function trustedServices(ctx: KpiContext, role: Identity): string[] {
  return rowsOf(ctx.index.trusts, role.id)
    .filter((t) => t.kind === 'aws-trust-statement' && t.effect === 'Allow' && t.principalType === 'Service')
    .map((t) => t.principal);
}

interface PassableRole {
  role: Identity;
  /** The role ARN in lower case, for prefix tests (IAM matches ARNs case-insensitively here). */
  arn: string;
  services: string[];
}

const WILDCARD = /[*?]/;

/** Roles matching one Resource pattern: exact ARNs by lookup, wildcards by prefix, then glob. */
function rolesMatching(
  pattern: string,
  roles: readonly PassableRole[],
  byArn: ReadonlyMap<string, PassableRole>,
): PassableRole[] {
  if (pattern === '*') return [...roles];
  const wildcard = pattern.search(WILDCARD);
  if (wildcard < 0) {
    const hit = byArn.get(pattern.toLowerCase());
    return hit ? [hit] : [];
  }
  const prefix = pattern.slice(0, wildcard).toLowerCase();
  return roles.filter((r) => r.arn.startsWith(prefix) && iamGlobMatch(pattern, r.role.nativeId));
}

class PassableRoles {
  private readonly byAccount = new Map<string, PassableRole[]>();
  private readonly byArn = new Map<string, PassableRole>();
  private readonly memo = new Map<string, PassableRole[]>();

  add(r: PassableRole): void {
    const list = this.byAccount.get(r.role.account);
    if (list) list.push(r);
    else this.byAccount.set(r.role.account, [r]);
    this.byArn.set(r.arn, r);
  }

  /**
   * Roles of `account` that Resource/NotResource `patterns` allow passing, to one of `passedTo`
   * when that condition is present. Many statements repeat the same resources: memoised.
   */
  matching(
    account: string,
    patterns: readonly string[],
    notResource: boolean,
    passedTo: readonly string[],
  ): PassableRole[] {
    const key = `${account}|${notResource}|${patterns.join('\n')}|${passedTo.join('\n')}`;
    let out = this.memo.get(key);
    if (out) return out;
    const roles = this.byAccount.get(account) ?? [];
    const hits = new Set<PassableRole>();
    for (const p of patterns)
      for (const r of rolesMatching(p, roles, this.byArn)) if (r.role.account === account) hits.add(r);
    const allowed = notResource ? roles.filter((r) => !hits.has(r)) : [...hits];
    out =
      passedTo.length === 0
        ? allowed
        : allowed.filter((r) => r.services.some((s) => passedTo.some((p) => iamGlobMatch(p, s))));
    this.memo.set(key, out);
    return out;
  }
}

function collectPassRoleLinks(c: LinkCollector, ctx: KpiContext, agents: readonly Identity[]): void {
  // The roles that matter as targets: agents (does the link touch one?) and privileged roles
  // (noWider). A role that trusts no service cannot be passed to one.
  const agentRoles = new PassableRoles();
  const privilegedRoles = new PassableRoles();
  for (const identity of ctx.index.identities) {
    if (identity.kind !== 'aws-role') continue;
    const agent = c.isAgent(identity.id);
    const p = ctx.aws.byIdentity.get(identity.id);
    const maybePrivileged =
      p !== undefined &&
      (p.adminEquivalent !== undefined || p.adminReach.length > 0 || p.escalations.length > 0);
    if (!agent && !maybePrivileged) continue;
    if (providerManaged(identity)) continue;
    const services = trustedServices(ctx, identity);
    if (services.length === 0) continue;
    const entry = { role: identity, arn: identity.nativeId.toLowerCase(), services };
    if (agent) agentRoles.add(entry);
    if (maybePrivileged && c.privilegeOf(identity).length > 0) privilegedRoles.add(entry);
  }

  const passRoleLink = (holder: Identity, g: AwsPolicyGrant, holderIsAgent: boolean): void => {
    const notResource = g.statement.NotResource !== undefined;
    const patterns = asList(notResource ? g.statement.NotResource : g.statement.Resource);
    // Someone else's blanket PassRole is that holder's problem (and a privilege finding); it is
    // a link of an agent only when the agent holds it or a pattern aims at the agent's role.
    const aimed = notResource ? [] : patterns.filter((p) => !BLANKET_ROLE_PATTERN.test(p));
    if (!holderIsAgent && aimed.length === 0) return;
    if (providerManaged(holder)) return;
    const conditions = flattenConditions(g.statement.Condition).filter(isRestricting);
    const passedTo = conditions.filter((x) => x.key === 'iam:passedtoservice').flatMap((x) => x.values);
    const targetedAgents =
      aimed.length === 0 ? [] : agentRoles.matching(holder.account, aimed, false, passedTo);
    const agents = [...(holderIsAgent ? [holder.id] : []), ...targetedAgents.map((r) => r.role.id)];
    if (agents.length === 0) return;
    c.add(
      'aws-pass-role',
      g.id,
      g.id,
      { id: holder.id, name: holder.nativeId },
      { name: `${notResource ? 'NOT ' : ''}${patterns.join(', ')}` },
      agents,
      () => {
        const privileged = privilegedRoles
          .matching(holder.account, patterns, notResource, passedTo)
          .map((r) => r.role);
        const holderPrivileged = c.ownPrivilegeOf(holder);
        const service = hasKey(conditions, ['iam:passedtoservice', 'iam:associatedresourcearn']);
        const time = conditions.find(
          (x) => (x.key === 'aws:currenttime' || x.key === 'aws:epochtime') && /lessthan/i.test(x.operator),
        );
        return {
          attributable: notResource
            ? fail('NotResource: every role except the listed ones')
            : patterns.every((p) => NAMED_ROLE_ARN.test(p))
              ? pass(`names ${patterns.length} role(s)`)
              : fail(`wildcard resource: ${patterns.join(', ')}`),
          bounded: service
            ? pass(`limited by ${service.key} ${service.values.join(', ')}`)
            : fail('no iam:PassedToService condition: the role can be passed to any service'),
          timeLimited: time
            ? pass(`until ${time.values.join(', ')} (${time.key})`)
            : fail('no time condition: a passed role stays with the resource until someone removes it'),
          noWiderThanDelegator:
            privileged.length === 0
              ? pass('no privileged role that trusts a service can be passed')
              : holderPrivileged
                ? pass('the holder is itself privileged')
                : fail(`can pass privileged role(s) ${privileged.map((r) => r.name).join(', ')}`),
        };
      },
    );
  };

  // PassRole held by agents.
  for (const agent of agents) {
    if (agent.provider !== 'aws') continue;
    for (const g of rowsOf(ctx.index.grants, agent.id)) {
      if (g.kind === 'aws-policy-statement' && grantsPassRole(g)) passRoleLink(agent, g, true);
    }
  }
  // PassRole of other identities aimed at an agent's role: one pass over every statement, most
  // rejected on the resource before the action is looked at.
  if (!c.hasAwsAgentRoles) return;
  for (const [holderId, rows] of ctx.index.rows) {
    if (c.isAgent(holderId)) continue;
    for (const g of rows.grants) {
      if (g.kind !== 'aws-policy-statement' || !mentionsRole(g.statement.Resource) || !grantsPassRole(g))
        continue;
      const holder = ctx.index.identityById.get(holderId);
      if (holder && holder.provider === 'aws') passRoleLink(holder, g, false);
    }
  }
}

/** Does a Resource element name a role (other than every role)? A cheap test before any matching. */
function mentionsRole(resource: string | string[] | undefined): boolean {
  if (resource === undefined) return false;
  for (const r of Array.isArray(resource) ? resource : [resource]) {
    if (r.includes(':role/') && !BLANKET_ROLE_PATTERN.test(r)) return true;
  }
  return false;
}

// ---- Owners ----

interface OwnerInfo {
  id?: string;
  nativeId: string;
  name?: string;
  enabled?: boolean;
}

/** Owners (not sponsors) from the identity record and owner trust rows, once each. */
function ownersOf(ctx: KpiContext, identity: Identity): OwnerInfo[] {
  const out = new Map<string, OwnerInfo>();
  for (const o of identity.owners) {
    if (o.relation !== 'owner') continue;
    out.set(o.nativeId, {
      ...(o.id ? { id: o.id } : {}),
      nativeId: o.nativeId,
      ...(o.principalName || o.displayName ? { name: o.principalName ?? o.displayName } : {}),
      ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
    });
  }
  for (const t of rowsOf(ctx.index.trusts, identity.id)) {
    if (t.kind !== 'owner' || out.has(t.principal)) continue;
    const ev = t.evidence;
    const name =
      (typeof ev['principalName'] === 'string' && ev['principalName']) ||
      (typeof ev['displayName'] === 'string' && ev['displayName']) ||
      undefined;
    out.set(t.principal, {
      ...(t.principalId ? { id: t.principalId } : {}),
      nativeId: t.principal,
      ...(name ? { name } : {}),
      ...(typeof ev['enabled'] === 'boolean' ? { enabled: ev['enabled'] } : {}),
    });
  }
  return [...out.values()];
}

function collectOwnerLinks(c: LinkCollector, ctx: KpiContext, agents: readonly Identity[]): void {
  for (const agent of agents) {
    for (const object of appGroup(ctx, agent)) {
      for (const owner of ownersOf(ctx, object)) {
        const ownerIdentity = owner.id ? ctx.index.identityById.get(owner.id) : undefined;
        const ownerName = owner.name ?? owner.nativeId;
        c.add(
          'owner',
          `${object.id}:${owner.nativeId}`,
          object.id,
          { ...(owner.id ? { id: owner.id } : {}), name: ownerName },
          { id: object.id, name: displayName(object) },
          [agent.id],
          () => ({
            attributable:
              owner.enabled === false
                ? fail(`owner ${ownerName} is disabled`)
                : owner.name || ownerIdentity
                  ? pass(`owner ${ownerName}`)
                  : fail(`owner ${owner.nativeId} cannot be named`),
            bounded: na(
              'ownership has no scope: an owner manages every credential and property of the object',
            ),
            timeLimited: na('ownership has no expiry in the directory'),
            noWiderThanDelegator: c.noWider(object, ownerIdentity, ownerName),
          }),
        );
      }
    }
  }
}

// ---- Entra federated credentials and delegated grants ----

function collectFederatedLinks(c: LinkCollector, ctx: KpiContext, agents: readonly Identity[]): void {
  for (const agent of agents) {
    for (const member of appGroup(ctx, agent)) {
      for (const t of rowsOf(ctx.index.trusts, member.id)) {
        if (t.kind !== 'entra-federated-credential') continue;
        const subject = typeof t.conditions['subject'] === 'string' ? t.conditions['subject'] : undefined;
        const expression = t.conditions['claimsMatchingExpression'];
        const audiences = Array.isArray(t.conditions['audiences'])
          ? t.conditions['audiences'].map((a) => String(a))
          : [];
        c.add(
          'federated-credential',
          t.id,
          t.id,
          { name: `${t.principal} ${subject ?? '(no subject)'}` },
          { id: member.id, name: displayName(member) },
          [agent.id],
          () => ({
            attributable:
              expression !== undefined && expression !== null
                ? fail(`flexible claims expression ${JSON.stringify(expression)}`)
                : !subject
                  ? fail('no subject')
                  : /[*?]/.test(subject)
                    ? fail(`subject pattern ${subject}`)
                    : pass(`subject ${subject}`),
            bounded:
              audiences.length > 0 && audiences.every((a) => !/[*?]/.test(a))
                ? pass(`audience ${audiences.join(', ')}`)
                : fail('no exact audience'),
            timeLimited: na('exchanged tokens expire within an hour; the credential itself has no expiry'),
            noWiderThanDelegator: c.noWider(member, undefined, `external workload ${subject ?? t.principal}`),
          }),
        );
      }
    }
  }
}

type DelegatedGrant = Extract<Grant, { kind: 'entra-delegated-scope' }>;

function collectDelegatedGrantLinks(c: LinkCollector, ctx: KpiContext, agents: readonly Identity[]): void {
  for (const agent of agents) {
    for (const member of appGroup(ctx, agent)) {
      const grants = rowsOf(ctx.index.grants, member.id).filter(
        (g): g is DelegatedGrant => g.kind === 'entra-delegated-scope',
      );
      const consent = (g: DelegatedGrant) => `${g.resourceId}|${g.consentType}|${g.principalId ?? ''}`;
      const offline = new Set(
        grants.filter((g) => g.permission.toLowerCase() === 'offline_access').map(consent),
      );
      for (const g of grants) {
        const users =
          g.consentType === 'Principal'
            ? `user ${g.principalId ?? '(unknown)'}`
            : 'all users (admin consent)';
        c.add(
          'delegated-grant',
          g.id,
          g.id,
          { name: users },
          { id: member.id, name: displayName(member) },
          [agent.id],
          () => ({
            attributable:
              g.consentType === 'Principal'
                ? pass(`consented by ${users}`)
                : fail('consented for all users by an administrator: no single delegating user'),
            bounded: isHighRiskPermission(g)
              ? fail(`${g.permission} on ${g.resourceName} is high risk`)
              : pass(`${g.permission} is not high risk`),
            timeLimited:
              g.permission.toLowerCase() === 'offline_access'
                ? fail('offline_access: refresh tokens let the app act without the user present')
                : offline.has(consent(g))
                  ? fail('the same consent includes offline_access: the app can act without the user present')
                  : pass('no offline_access: the app acts only while the user signs in'),
            noWiderThanDelegator: na(
              'Entra ID limits delegated permissions to what the signed-in user may do',
            ),
          }),
        );
      }
    }
  }
}

// ---- Agent identity blueprints ----

function blueprintOf(
  ctx: KpiContext,
  agentIdentity: Identity,
  byAppId: Map<string, Identity>,
): Identity | undefined {
  const linked = agentIdentity.attributes['linkedBlueprintPrincipalId'];
  if (typeof linked === 'string') {
    const found = ctx.index.identityById.get(linked);
    if (found) return found;
  }
  const appId = agentIdentity.attributes['agentIdentityBlueprintId'];
  return typeof appId === 'string' ? byAppId.get(appId.toLowerCase()) : undefined;
}

function hasAccountable(ctx: KpiContext, identity: Identity): boolean {
  if (identity.owners.some((o) => o.enabled !== false)) return true;
  return rowsOf(ctx.index.trusts, identity.id).some(
    (t) => (t.kind === 'owner' || t.kind === 'sponsor') && t.evidence['enabled'] !== false,
  );
}

function collectBlueprintLinks(c: LinkCollector, ctx: KpiContext): void {
  const byAppId = new Map<string, Identity>();
  const agentIdentities: Identity[] = [];
  for (const i of ctx.index.identities) {
    if (i.kind === 'entra-agent-identity') agentIdentities.push(i);
    else if (i.kind === 'entra-agent-blueprint-principal') {
      const appId = i.attributes['appId'];
      if (typeof appId === 'string') byAppId.set(appId.toLowerCase(), i);
    }
  }
  const maxDays = ctx.settings.thresholds.secretMaxLifetimeDays;
  for (const agentIdentity of agentIdentities) {
    const blueprint = blueprintOf(ctx, agentIdentity, byAppId);
    const blueprintApp = blueprint ? ctx.index.entraCounterpart.get(blueprint.id) : undefined;
    const agents = [agentIdentity.id, blueprint?.id, blueprintApp?.id].filter((id) => c.isAgent(id));
    if (agents.length === 0) continue;
    const blueprintName = blueprint
      ? displayName(blueprint)
      : `blueprint ${String(agentIdentity.attributes['agentIdentityBlueprintId'] ?? '(unknown)')}`;
    c.add(
      'blueprint',
      agentIdentity.id,
      agentIdentity.id,
      { ...(blueprint ? { id: blueprint.id } : {}), name: blueprintName },
      { id: agentIdentity.id, name: displayName(agentIdentity) },
      agents,
      () => {
        let timeLimited: TestOutcome;
        if (!blueprint) timeLimited = na('the blueprint is not in the inventory');
        else {
          const keys = standingCredentials(ctx, blueprint);
          const long = keys.filter((k) => {
            const life = daysBetween(k.createdAt, k.expiresAt);
            return life === undefined || life > maxDays;
          });
          timeLimited =
            keys.length === 0
              ? pass(
                  'the blueprint holds no secret or certificate (federated or managed identity credentials)',
                )
              : long.length === 0
                ? pass(
                    `the blueprint's ${keys.length} credential(s) expire within ${maxDays} days of creation`,
                  )
                : fail(
                    `the blueprint's credential(s) ${long.map((k) => k.name ?? k.nativeId).join(', ')} live longer than ${maxDays} days or never expire`,
                  );
        }
        return {
          attributable: hasAccountable(ctx, agentIdentity)
            ? pass('the agent identity has an enabled sponsor or owner')
            : fail('the agent identity has no enabled sponsor or owner'),
          bounded: na("the blueprint's inheritable permissions are not collected"),
          timeLimited,
          noWiderThanDelegator: blueprint
            ? c.noWider(agentIdentity, blueprint, blueprintName)
            : na('the blueprint is not in the inventory'),
        };
      },
    );
  }
}

export function delegationLinks(ctx: KpiContext, agents: readonly Identity[]): DelegationLink[] {
  const c = new LinkCollector(ctx, agents);
  collectTrustLinks(c, ctx, agents);
  collectPassRoleLinks(c, ctx, agents);
  collectOwnerLinks(c, ctx, agents);
  collectFederatedLinks(c, ctx, agents);
  collectDelegatedGrantLinks(c, ctx, agents);
  collectBlueprintLinks(c, ctx);
  return c.result();
}
