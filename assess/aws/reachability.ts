/**
 * "A can become B" across the inventory's accounts.
 *
 * Edges:
 * - assume-role: B's trust policy admits A and, where IAM requires it, A's identity policies
 *   allow sts:AssumeRole on B. A trust that names A's ARN in the same account needs nothing on
 *   A's side; one that names an account (root or id) or `*`, or any cross-account trust, also
 *   needs A's allow. Explicit denies on either side remove the edge; conditions make it
 *   constrained (kept, with the conditions). `aws:PrincipalArn`, `aws:PrincipalAccount`,
 *   `aws:PrincipalType` and `aws:PrincipalTag/*` trust conditions are evaluated per candidate.
 * - pass-role / workload / user-credentials / update-trust: added by the escalation detector
 *   (A can run code as B through a compute service, or take B's credentials or trust).
 *
 * Service and federated principals are not identities: they are listed as inbound external
 * principals of the roles that trust them, never as graph nodes.
 */
import { type ConditionBlock, evaluateCondition } from './conditions';
import { decide, type MatchedStatement } from './evaluate';
import type { AwsInventoryIndex, AwsPrincipal } from './principals';
import type { PrivilegeOracle } from './privilege';
import type {
  Confidence,
  EdgeKind,
  InboundKind,
  InboundPrincipal,
  PathHop,
  PrincipalSummary,
  ReachablePath,
} from './types';
import type { Trust } from '../../model/inventory';

export interface Edge {
  to: AwsPrincipal;
  kind: EdgeKind;
  methodId: string;
  confidence: Confidence;
  /** Conditions on the trust or on the identity-side allow. */
  conditions?: ConditionBlock[];
  trustIds: string[];
  /** Identity-side statements that allow it (resolved to grant ids per source principal). */
  matched: MatchedStatement[];
}

interface ReverseEntry {
  edge: Edge;
  /** A single source principal, or every member of a share key. */
  from: AwsPrincipal | string;
}

const ASSUME_ACTION = /^(\*|sts:\*|sts:assumerole)$/i;

/** Trust condition keys evaluated per candidate principal (principalValues). */
const PRINCIPAL_KEYS = /aws:principal(arn|account|type|tag\/)/i;

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal);
  return m?.[1];
}

/** Condition keys about the calling principal, evaluated per candidate. */
function principalValues(p: AwsPrincipal): Map<string, string | null> {
  const values = new Map<string, string | null>([
    ['aws:principalarn', p.arn],
    ['aws:principalaccount', p.account],
    ['aws:principaltype', p.kind === 'aws-user' ? 'User' : p.kind === 'aws-root' ? 'Account' : 'AssumedRole'],
  ]);
  for (const [k, v] of Object.entries(p.identity.tags)) values.set(`aws:principaltag/${k.toLowerCase()}`, v);
  return values;
}

function conditionOf(t: Trust): ConditionBlock | undefined {
  return Object.keys(t.conditions).length > 0 ? (t.conditions as ConditionBlock) : undefined;
}

/** One hop of a path; the grant ids behind it are looked up on first read. */
class Hop implements PathHop {
  readonly from: PrincipalSummary;
  readonly to: PrincipalSummary;
  readonly kind: EdgeKind;
  readonly methodId: string;
  readonly confidence: Confidence;
  readonly conditions?: ConditionBlock[];
  private evidenceValue: string[] | undefined;

  constructor(
    private readonly source: AwsPrincipal,
    private readonly edge: Edge,
  ) {
    this.from = source.summary;
    this.to = edge.to.summary;
    this.kind = edge.kind;
    this.methodId = edge.methodId;
    this.confidence = edge.confidence;
    if (edge.conditions) this.conditions = edge.conditions;
  }

  get evidence(): string[] {
    return (this.evidenceValue ??= [
      ...this.edge.trustIds,
      ...this.source.permissions.statementEvidence(this.edge.matched).map((e) => e.grantId),
    ]);
  }

  toJSON(): PathHop {
    return {
      from: this.from,
      to: this.to,
      kind: this.kind,
      methodId: this.methodId,
      confidence: this.confidence,
      ...(this.conditions ? { conditions: this.conditions } : {}),
      evidence: this.evidence,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class ReachabilityGraph {
  private readonly individual = new Map<string, Edge[]>();
  private readonly shared = new Map<string, Edge[]>();
  /** The assume-role edges again, for callers that need only those. */
  private readonly assumeIndividual = new Map<string, Edge[]>();
  private readonly assumeShared = new Map<string, Edge[]>();
  /** Members of each shared-edge key (share keys, and the detector's relevance keys). */
  private readonly members = new Map<string, AwsPrincipal[]>();
  /** Every principal is implicitly a member of its share key; these are the other keys it joined. */
  private readonly keysOf = new Map<string, string[]>();
  private readonly shareMembers = new Map<string, AwsPrincipal[]>();
  private readonly inboundBy = new Map<string, InboundPrincipal[]>();
  private adminPath: Map<string, { edge: Edge; next: AwsPrincipal }> | undefined;
  private adminPathLenient: Map<string, { edge: Edge; next: AwsPrincipal }> | undefined;
  private edgeCount = 0;
  /** Scratch arrays for breadth-first searches, reused across calls (one search at a time). */
  private stamp = new Int32Array(0);
  private prevFrom = new Int32Array(0);
  private prevEdge: (Edge | undefined)[] = [];
  private run = 0;

  constructor(
    readonly index: AwsInventoryIndex,
    readonly oracle: PrivilegeOracle,
  ) {
    for (const p of index.principals) {
      const list = this.shareMembers.get(p.shareKey);
      if (list) list.push(p);
      else this.shareMembers.set(p.shareKey, [p]);
    }
    this.buildAssumeEdges();
  }

  get size(): number {
    return this.edgeCount;
  }

  /** Results computed for one principal may be shared with its share key when it uses no variables. */
  static shareable(p: AwsPrincipal): boolean {
    return !p.profile.usesVariables;
  }

  addEdge(from: AwsPrincipal, edge: Edge): void {
    if (edge.to === from) return;
    push(this.individual, from.id, edge);
    if (edge.kind === 'assume-role') push(this.assumeIndividual, from.id, edge);
    this.edgeCount++;
    this.adminPath = undefined;
    this.adminPathLenient = undefined;
  }

  /** Make `p` a source of every edge shared under `key`. */
  join(key: string, p: AwsPrincipal): void {
    const keys = this.keysOf.get(p.id);
    if (keys?.includes(key)) return;
    const list = this.members.get(key);
    if (list) list.push(p);
    else this.members.set(key, [p]);
    if (keys) keys.push(key);
    else this.keysOf.set(p.id, [key]);
    this.adminPath = undefined;
    this.adminPathLenient = undefined;
  }

  addSharedEdge(shareKey: string, edge: Edge): void {
    push(this.shared, shareKey, edge);
    if (edge.kind === 'assume-role') push(this.assumeShared, shareKey, edge);
    this.edgeCount++;
    this.adminPath = undefined;
    this.adminPathLenient = undefined;
  }

  private keysFor(p: AwsPrincipal): string[] {
    const extra = this.keysOf.get(p.id);
    return extra ? [p.shareKey, ...extra] : [p.shareKey];
  }

  private membersOf(key: string): readonly AwsPrincipal[] {
    return this.members.get(key) ?? this.shareMembers.get(key) ?? [];
  }

  /** Does the principal have any outgoing edge? (Cheaper than `out(p).length`.) */
  hasOut(p: AwsPrincipal): boolean {
    if ((this.individual.get(p.id)?.length ?? 0) > 0) return true;
    for (const k of this.keysFor(p)) for (const e of this.shared.get(k) ?? []) if (e.to !== p) return true;
    return false;
  }

  /** Outgoing edges of a principal: its own and those of every key it shares. */
  out(p: AwsPrincipal): Edge[] {
    const own = this.individual.get(p.id) ?? [];
    const keys = this.keysFor(p);
    if (keys.length === 1 && own.length === 0)
      return (this.shared.get(keys[0] ?? '') ?? []).filter((e) => e.to !== p);
    const out = [...own];
    for (const k of keys) for (const e of this.shared.get(k) ?? []) if (e.to !== p) out.push(e);
    return out;
  }

  hasAssumeOut(p: AwsPrincipal): boolean {
    if (this.assumeIndividual.has(p.id) || this.assumeShared.has(p.shareKey)) return true;
    for (const k of this.keysOf.get(p.id) ?? []) if (this.assumeShared.has(k)) return true;
    return false;
  }

  /** Outgoing assume-role edges only. */
  assumeOut(p: AwsPrincipal): Edge[] {
    const own = this.assumeIndividual.get(p.id);
    const extra = this.keysOf.get(p.id);
    const shared = this.assumeShared.get(p.shareKey);
    if (!own && !extra && !shared) return [];
    const out = [...(own ?? [])];
    for (const k of this.keysFor(p))
      for (const e of this.assumeShared.get(k) ?? []) if (e.to !== p) out.push(e);
    return out;
  }

  /** Who may become this role according to its trust policy. */
  inbound(p: AwsPrincipal): InboundPrincipal[] {
    return this.inboundBy.get(p.id) ?? [];
  }

  /**
   * Principals allowed sts:AssumeRole somewhere, grouped by what decides their side of a trust
   * that names an account or `*`: account, admin-equivalence and the statements (all layers)
   * about sts:AssumeRole. Each group gets one shared edge per trusting role.
   */
  private assumerGroups(): {
    byAccount: Map<string, { key: string; members: AwsPrincipal[]; admin: boolean }[]>;
    individual: Map<string, AwsPrincipal[]>;
  } {
    const index = this.index;
    const byAccount = new Map<string, { key: string; members: AwsPrincipal[]; admin: boolean }[]>();
    const individual = new Map<string, AwsPrincipal[]>();
    const byKey = new Map<string, { key: string; members: AwsPrincipal[]; admin: boolean }>();
    const assumeRole = index.catalog.indexOf('sts:AssumeRole');
    if (assumeRole === undefined) return { byAccount, individual };
    const keyOfShare = new Map<string, string | undefined>();
    for (const p of index.principals) {
      if (!p.profile.granted.has(index.catalog, assumeRole)) continue;
      let long = keyOfShare.get(p.shareKey);
      if (!keyOfShare.has(p.shareKey)) {
        const st = p.profile.statementsFor('sts:AssumeRole');
        const all = [
          ...st.identity,
          ...(st.boundary ?? []),
          ...(st.scp ?? []),
          ...st.denies.map((d) => d.stmt),
        ];
        const ids = (list: readonly { id: number }[] | null) =>
          list === null ? '-' : list.map((x) => x.id).join('.');
        long = all.some((x) => x.usesVariables)
          ? undefined
          : `${p.account}|${this.oracle.isAdmin(p.profile) ? 'A' : '-'}|${ids(st.identity)}/${ids(st.boundary)}/${ids(st.scp)}/${st.denies.map((d) => `${d.layer[0]}${d.stmt.id}`).join('.')}`;
        keyOfShare.set(p.shareKey, long);
      }
      if (long === undefined) {
        const list = individual.get(p.account);
        if (list) list.push(p);
        else individual.set(p.account, [p]);
        continue;
      }
      let group = byKey.get(long);
      if (!group) {
        group = { key: `assume#${byKey.size}`, members: [], admin: this.oracle.isAdmin(p.profile) };
        byKey.set(long, group);
        const list = byAccount.get(p.account);
        if (list) list.push(group);
        else byAccount.set(p.account, [group]);
      }
      group.members.push(p);
    }
    return { byAccount, individual };
  }

  private buildAssumeEdges(): void {
    const index = this.index;
    const { byAccount, individual } = this.assumerGroups();
    const joined = new Set<string>();
    for (const role of index.principals) {
      if (role.kind !== 'aws-role') continue;
      const inbound: InboundPrincipal[] = [];
      const denies = role.trusts.filter((t) => t.effect === 'Deny');
      for (const t of role.trusts) {
        if (t.effect !== 'Allow') continue;
        const condition = conditionOf(t);
        inbound.push(this.describeInbound(t, role, condition));
        const assume = t.actions.some((a) => ASSUME_ACTION.test(a));
        if (!assume || (t.principalType !== 'AWS' && t.principalType !== '*')) continue;
        const principal = t.principal;
        const exact = principal !== '*' && !/^\d{12}$/.test(principal) && !/:root$/.test(principal);
        if (exact) {
          const hit = this.resolvePrincipal(principal, t.principalId);
          const edge =
            hit && hit !== role ? this.assumeEdge(hit, role, t, condition, true, denies) : undefined;
          if (hit && edge) this.addEdge(hit, edge);
          continue;
        }
        const accounts =
          principal === '*'
            ? [...new Set([...byAccount.keys(), ...individual.keys()])]
            : [accountOf(principal) ?? ''];
        const perPrincipal = condition !== undefined && PRINCIPAL_KEYS.test(JSON.stringify(condition));
        for (const account of accounts) {
          // An admin already controls every identity of its own account: no same-account edges from it.
          const sameAccount = account === role.account;
          for (const group of byAccount.get(account) ?? []) {
            if (group.admin && sameAccount) continue;
            if (perPrincipal) {
              for (const m of group.members) {
                const edge = m === role ? undefined : this.assumeEdge(m, role, t, condition, false, denies);
                if (edge) this.addEdge(m, edge);
              }
              continue;
            }
            const sample = group.members[0];
            const edge = sample ? this.assumeEdge(sample, role, t, condition, false, denies) : undefined;
            if (!edge) continue;
            if (!joined.has(group.key)) {
              joined.add(group.key);
              for (const m of group.members) this.join(group.key, m);
            }
            this.addSharedEdge(group.key, edge);
          }
          for (const m of individual.get(account) ?? []) {
            if (m === role || (sameAccount && this.oracle.isAdmin(m.profile))) continue;
            const edge = this.assumeEdge(m, role, t, condition, false, denies);
            if (edge) this.addEdge(m, edge);
          }
        }
      }
      this.inboundBy.set(role.id, inbound);
    }
  }

  private assumeEdge(
    from: AwsPrincipal,
    role: AwsPrincipal,
    trust: Trust,
    condition: ConditionBlock | undefined,
    exact: boolean,
    denies: readonly Trust[],
  ): Edge | undefined {
    const values = principalValues(from);
    const outcome = evaluateCondition(condition, values);
    if (outcome.verdict === 'no-match') return undefined;
    for (const d of denies) {
      if (!d.actions.some((a) => ASSUME_ACTION.test(a))) continue;
      const covers =
        d.principal === '*' ||
        d.principal.toLowerCase() === from.arnLower ||
        (accountOf(d.principal) === from.account && /(:root|^\d{12})$/.test(d.principal));
      if (covers && evaluateCondition(conditionOf(d), values).verdict === 'match') return undefined;
    }
    const sameAccount = from.account === role.account;
    const decision = decide(from.profile, 'sts:AssumeRole', role.arn, from.context);
    if (decision.result === 'deny') return undefined;
    const needsIdentityAllow = !(exact && sameAccount);
    if (needsIdentityAllow && decision.result === 'none') return undefined;
    const conditions: ConditionBlock[] = [];
    if (outcome.remaining) conditions.push(outcome.remaining);
    if (needsIdentityAllow) conditions.push(...decision.conditions);
    return {
      to: role,
      kind: 'assume-role',
      methodId: 'sts-assume-role',
      confidence: 'high',
      ...(conditions.length > 0 ? { conditions } : {}),
      trustIds: [trust.id],
      matched: decision.result === 'allow' || decision.result === 'conditional' ? decision.matched : [],
    };
  }

  /** An AWS principal of a trust policy: role or user ARN, or an assumed-role session ARN. */
  private resolvePrincipal(principal: string, principalId: string | undefined): AwsPrincipal | undefined {
    if (principalId) {
      const hit = this.index.byId.get(principalId);
      if (hit) return hit;
    }
    const direct = this.index.byArn.get(principal.toLowerCase());
    if (direct) return direct;
    const session = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
    if (session) {
      const [, account, name] = session;
      return this.index
        .accountPrincipals(account ?? '')
        .find((p) => p.kind === 'aws-role' && p.name.toLowerCase() === (name ?? '').toLowerCase());
    }
    return undefined;
  }

  private describeInbound(
    t: Trust,
    role: AwsPrincipal,
    condition: ConditionBlock | undefined,
  ): InboundPrincipal {
    let kind: InboundKind = 'other';
    let id: string | undefined;
    if (t.principalType === 'Service') kind = 'service';
    else if (t.principalType === 'Federated') kind = 'federated';
    else if (t.principal === '*') kind = 'any-principal';
    else if (t.principalType === 'AWS') {
      const account = accountOf(t.principal);
      const hit = /(:root|^\d{12})$/.test(t.principal)
        ? undefined
        : this.resolvePrincipal(t.principal, t.principalId);
      if (hit) {
        kind = 'identity';
        id = hit.id;
      } else if (account && account === role.account) kind = 'account';
      else kind = 'external-account';
      if (
        kind === 'external-account' &&
        account &&
        this.index.byAccount.has(account) &&
        /(:root|^\d{12})$/.test(t.principal)
      )
        kind = 'account';
    }
    return {
      kind,
      principalType: t.principalType,
      principal: t.principal,
      ...(id ? { id } : {}),
      trustId: t.id,
      actions: t.actions,
      ...(condition ? { conditions: condition } : {}),
    };
  }

  private reverse(): Map<string, ReverseEntry[]> {
    const rev = new Map<string, ReverseEntry[]>();
    const push = (to: AwsPrincipal, entry: ReverseEntry) => {
      const list = rev.get(to.id);
      if (list) list.push(entry);
      else rev.set(to.id, [entry]);
    };
    for (const [id, edges] of this.individual) {
      const from = this.index.byId.get(id);
      if (from) for (const edge of edges) push(edge.to, { edge, from });
    }
    for (const [key, edges] of this.shared) for (const edge of edges) push(edge.to, { edge, from: key });
    return rev;
  }

  /** Multi-source reverse BFS from admin-equivalent principals: next hop towards the nearest admin. */
  private computeAdminPaths(lenient: boolean): Map<string, { edge: Edge; next: AwsPrincipal }> {
    const rev = this.reverse();
    const next = new Map<string, { edge: Edge; next: AwsPrincipal }>();
    const seen = new Set<string>();
    let frontier: AwsPrincipal[] = this.index.principals.filter((p) => this.oracle.isAdmin(p.profile));
    for (const p of frontier) seen.add(p.id);
    while (frontier.length > 0) {
      const following: AwsPrincipal[] = [];
      for (const target of frontier) {
        for (const { edge, from } of rev.get(target.id) ?? []) {
          if (!lenient && (edge.conditions || edge.confidence !== 'high')) continue;
          const sources = typeof from === 'string' ? this.membersOf(from) : [from];
          for (const s of sources) {
            if (seen.has(s.id) || s === target) continue;
            seen.add(s.id);
            next.set(s.id, { edge, next: target });
            following.push(s);
          }
        }
      }
      frontier = following;
    }
    return next;
  }

  /** Shortest path to an admin-equivalent principal: unconditioned high-confidence hops first. */
  pathToAdmin(p: AwsPrincipal): ReachablePath | null {
    this.adminPath ??= this.computeAdminPaths(false);
    this.adminPathLenient ??= this.computeAdminPaths(true);
    const table = this.adminPath.has(p.id) ? this.adminPath : this.adminPathLenient;
    if (!table.has(p.id)) return null;
    const hops: PathHop[] = [];
    let current = p;
    const visited = new Set<string>([p.id]);
    for (;;) {
      const step = table.get(current.id);
      if (!step) break;
      hops.push(this.hop(current, step.edge));
      current = step.next;
      if (visited.has(current.id)) break;
      visited.add(current.id);
    }
    return this.toPath(hops, current, true);
  }

  /**
   * Everything the principal can become (breadth-first, shortest path each). Paths are built
   * for the first `limit` targets only, admin-equivalent ones first; `count` covers all found
   * (the search stops after `max(20 * limit, 1000)` identities).
   */
  reachable(p: AwsPrincipal, limit = 50): { paths: ReachablePath[]; count: number } {
    const n = this.index.principals.length;
    if (this.stamp.length !== n) {
      this.stamp = new Int32Array(n);
      this.prevFrom = new Int32Array(n);
      this.prevEdge = new Array<Edge | undefined>(n);
    }
    const run = ++this.run;
    const { stamp, prevFrom, prevEdge } = this;
    const principals = this.index.principals;
    const order: AwsPrincipal[] = [];
    stamp[p.ordinal] = run;
    let frontier = [p];
    const cap = Math.max(limit * 20, 1000);
    // A shared edge list leads to the same targets from every member: expand each list once.
    const expanded = new Set<string>();
    const visit = (node: AwsPrincipal, edges: readonly Edge[], following: AwsPrincipal[]) => {
      for (const edge of edges) {
        if (order.length >= cap) return;
        const to = edge.to.ordinal;
        if (stamp[to] === run) continue;
        stamp[to] = run;
        prevFrom[to] = node.ordinal;
        prevEdge[to] = edge;
        order.push(edge.to);
        following.push(edge.to);
      }
    };
    while (frontier.length > 0 && order.length < cap) {
      const following: AwsPrincipal[] = [];
      for (const node of frontier) {
        // Past an admin-equivalent identity everything in its account is reachable: stop there.
        if (node !== p && this.oracle.isAdmin(node.profile)) continue;
        visit(node, this.individual.get(node.id) ?? [], following);
        for (const key of this.keysFor(node)) {
          if (expanded.has(key)) continue;
          expanded.add(key);
          visit(node, this.shared.get(key) ?? [], following);
        }
      }
      frontier = following;
    }
    const chosen: AwsPrincipal[] = [];
    for (const t of order) if (chosen.length < limit && this.oracle.isAdmin(t.profile)) chosen.push(t);
    for (const t of order) if (chosen.length < limit && !this.oracle.isAdmin(t.profile)) chosen.push(t);
    const paths = chosen.map((target) => {
      const hops: PathHop[] = [];
      let cur = target;
      while (cur !== p) {
        const edge = prevEdge[cur.ordinal];
        const from = principals[prevFrom[cur.ordinal] ?? -1];
        if (!edge || !from) break;
        hops.unshift(this.hop(from, edge));
        cur = from;
      }
      return this.toPath(hops, target, this.oracle.isAdmin(target.profile));
    });
    return { paths, count: order.length };
  }

  private hop(from: AwsPrincipal, edge: Edge): PathHop {
    return new Hop(from, edge);
  }

  private toPath(hops: PathHop[], target: AwsPrincipal, targetAdmin: boolean): ReachablePath {
    const summary: PrincipalSummary = target.summary;
    return {
      target: summary,
      targetAdmin,
      hops,
      constrained: hops.some((h) => h.conditions !== undefined),
      confidence: hops.every((h) => h.confidence === 'high') ? 'high' : 'medium',
    };
  }
}
