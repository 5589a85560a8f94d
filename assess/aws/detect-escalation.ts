/**
 * Privilege escalation by the published methods (escalation-methods.ts).
 *
 * A method fires only when every required action is allowed, without an unresolved condition,
 * on a resource that makes the abuse possible, and the identity would gain something:
 * - self-modification of its own user, role, group or attached customer managed policy (the
 *   gain is unbounded);
 * - taking over another principal (credentials, trust policy, passing a role to compute,
 *   existing compute) only when that principal is more privileged (privilege.ts), named;
 * - `${aws:username}`-scoped credential actions reach only the identity itself and never fire;
 *   a scope naming one low-privilege role never fires.
 *
 * Conditions: `iam:PassedToService` is evaluated exactly (a role passable only to another
 * service does not count). Any other unresolved condition on a required allow moves the finding
 * to `constrained` (reported with the conditions, not as an escalation). Denies always win.
 *
 * Confidence: `high` when the target is a concrete identity or workload in the inventory;
 * `medium` when the method depends on something not collected (existing compute without
 * workload data, policy versions, Identity Center assignments, group membership).
 */
import type { Workload } from '../../model/inventory';
import type { AwsCatalog } from './catalog';
import { type ConditionBlock, type KnownValues, NO_KNOWN_VALUES } from './conditions';
import { type Decision, decide, type Profile } from './evaluate';
import type { EscalationMethod } from './escalation-methods';
import {
  coversAllResources,
  resolvedHasWildcard,
  resolvedPattern,
  resourceMatch,
  wildcardRegex,
} from './patterns';
import { type CompiledStatement, statementCoversResource } from './statements';
import type { AwsGroup, AwsInventoryIndex, AwsPrincipal } from './principals';
import { ARBITRARY_GAIN, type PrivilegeClass, type PrivilegeOracle } from './privilege';
import { type Edge, ReachabilityGraph } from './reachability';
import type { Confidence, EdgeKind, EscalationFinding, EscalationTarget, GainSummary } from './types';

interface TargetHit {
  target: Omit<EscalationTarget, 'gain'>;
  /** The permissions the identity would end up with: a target's profile, or anything it writes. */
  gainFrom: Profile | 'arbitrary';
  /** The principal the identity becomes (for graph edges). */
  becomes?: AwsPrincipal;
  decisions: Map<string, Decision>;
  conditional: boolean;
  conditions: ConditionBlock[];
  confidence: Confidence;
}

interface CheckResult {
  status: 'allow' | 'conditional' | 'none';
  decisions: Map<string, Decision>;
  conditions: ConditionBlock[];
}

interface MethodOutcome {
  method: EscalationMethod;
  hits: TargetHit[];
  /** Hits grouped by what they give, most privileged groups first (built on first use). */
  groups?: OutcomeGroup[];
  /** The shared edge list its hits were added under. */
  edgeKey?: string;
  /** Principals that arbitrary-gain hits would take over (the identity itself must be skipped). */
  arbitraryTargets?: Set<AwsPrincipal>;
  /** Selected targets per privilege class of the identity: equal classes select alike. */
  perProfile?: Map<number, Selection>;
}

/**
 * Every role of an account that trusts some services, grouped once by privilege class and
 * sorted by name. Methods whose decision does not depend on which role is picked (iam:PassRole
 * on `*`, existing compute without workload data) select from the pool without a hit per role.
 */
interface RolePool {
  roles: AwsPrincipal[];
  position: Map<AwsPrincipal, number>;
  /** Per Resource pattern, which roles (by position) it matches. */
  patternHits: Map<string, Uint8Array>;
  /** Partitions per decision structure (see `partition`). */
  partitions: Map<string, Partition>;
  servicesOf: Map<AwsPrincipal, string[]>;
  groups: { cls: PrivilegeClass; roles: AwsPrincipal[] }[];
}

interface Partition {
  groups: { cls: PrivilegeClass; parts: AwsPrincipal[][] }[];
}

interface OutcomeGroup {
  /** Privilege class of the targets; undefined for arbitrary gain (self-written permissions). */
  cls: PrivilegeClass | undefined;
  admin: boolean;
  strict: { count: number; top: TargetHit[]; all: TargetHit[] };
  loose: { count: number; top: TargetHit[]; all: TargetHit[] };
  first: TargetHit;
}

/** The targets an identity would gain from, split by whether a condition gates them. */
interface Selection {
  strict: Bucket;
  loose: Bucket;
}

interface Bucket {
  count: number;
  admin: boolean;
  top: { h: TargetHit; admin: boolean }[];
  /** Built by the first finding made from this bucket. */
  shared?: SharedFinding;
}

interface SharedFinding {
  best: TargetHit | undefined;
  targets: EscalationTarget[];
  confidence: Confidence;
  conditions: ConditionBlock[];
  notes: string[];
}

const EDGE_KIND: Partial<Record<EscalationMethod['kind'], EdgeKind>> = {
  'user-credentials': 'user-credentials',
  'update-trust': 'update-trust',
  'pass-role': 'pass-role',
  'existing-workload': 'workload',
};

/** Per-source cap on graph edges of one method, admin-equivalent targets first. */
const MAX_EDGES_PER_METHOD = 500;

const PROBE = 'agent-anchor-probe';

function minConfidence(a: Confidence, b: Confidence | undefined): Confidence {
  return a === 'medium' || b === 'medium' ? 'medium' : 'high';
}

export class EscalationDetector {
  private readonly catalog: AwsCatalog;
  /** Outcomes of target-finding methods, shared by every identity with the same relevant statements. */
  private readonly outcomes = new Map<string, MethodOutcome>();
  private readonly pools = new Map<string, RolePool>();
  private readonly actionIndices = new Map<readonly string[], (number | undefined)[]>();
  private readonly edgeKeys = new Map<string, string>();
  private readonly relevanceKeys = new Map<string, string>();
  private readonly relevanceByShare = new Map<string, Map<string, string | undefined>>();
  /** Workloads per account and kind list: filtering them per principal and method was quadratic. */
  private readonly workloadsByKey = new Map<string, readonly Workload[]>();
  private workloadsByAccount: Map<string, Workload[]> | undefined;

  constructor(
    readonly index: AwsInventoryIndex,
    readonly oracle: PrivilegeOracle,
    readonly graph: ReachabilityGraph,
    readonly methods: readonly EscalationMethod[],
    readonly maxTargets = 10,
  ) {
    this.catalog = index.catalog;
  }

  /**
   * Evaluate every method for one principal, add the "can become" edges it finds to the graph,
   * and return the findings (admins and the root user have none: they already hold everything).
   */
  detect(p: AwsPrincipal): { escalations: EscalationFinding[]; constrained: EscalationFinding[] } {
    const escalations: EscalationFinding[] = [];
    const constrained: EscalationFinding[] = [];
    if (this.oracle.isAdmin(p.profile)) return { escalations, constrained };
    const canAssume = this.graph.hasAssumeOut(p);
    for (const method of this.applicable(p)) {
      if (method.kind === 'assume-role' && !canAssume) continue;
      const edgeKind = EDGE_KIND[method.kind];
      const key = this.isPerPrincipal(method) ? undefined : this.relevanceKey(p, method);
      let outcome: MethodOutcome | undefined;
      if (key === undefined) {
        outcome = this.evaluate(method, p);
        if (edgeKind) this.addEdges(p, undefined, method, edgeKind, outcome.hits);
      } else {
        outcome = this.outcomes.get(key);
        if (!outcome) {
          outcome = this.evaluate(method, p);
          this.outcomes.set(key, outcome);
          if (edgeKind) outcome.edgeKey = this.addEdges(p, key, method, edgeKind, outcome.hits);
        }
        if (outcome.edgeKey !== undefined) this.graph.join(outcome.edgeKey, p);
      }
      const selection = this.select(outcome, p);
      if (selection.strict.count > 0) escalations.push(this.finding(p, method, selection.strict, false));
      else if (selection.loose.count > 0) constrained.push(this.finding(p, method, selection.loose, true));
    }
    return { escalations, constrained };
  }

  /** Methods whose required actions are all allowed somewhere (cached per profile). */
  private applicable(p: AwsPrincipal): readonly EscalationMethod[] {
    const key = 'escalation-methods';
    let list = p.profile.usesVariables
      ? undefined
      : (p.profile.memo.get(key) as EscalationMethod[] | undefined);
    if (!list) {
      list = this.methods.filter((m) => m.kind === 'assume-role' || this.allGranted(p, m.actions));
      if (!p.profile.usesVariables) p.profile.memo.set(key, list);
    }
    return list;
  }

  /** Methods whose target is the identity itself (or what it alone can assume) are not shared. */
  private isPerPrincipal(method: EscalationMethod): boolean {
    return (
      method.kind === 'self-modify' ||
      method.kind === 'remove-boundary' ||
      method.kind === 'join-group' ||
      method.kind === 'assume-role'
    );
  }

  /**
   * What a target-finding method's outcome depends on: the account and, for each action it
   * consults, the statements of every layer that cover it. Identities with different policies
   * overall but the same relevant statements share one evaluation. Undefined (not shared) when
   * a relevant statement uses policy variables.
   */
  private relevanceKey(p: AwsPrincipal, method: EscalationMethod): string | undefined {
    // The same for every identity of a share key (same profile and account).
    let perShare = this.relevanceByShare.get(p.shareKey);
    if (!perShare) this.relevanceByShare.set(p.shareKey, (perShare = new Map()));
    if (perShare.has(method.id)) return perShare.get(method.id);
    const key = this.computeRelevanceKey(p, method);
    perShare.set(method.id, key);
    return key;
  }

  private computeRelevanceKey(p: AwsPrincipal, method: EscalationMethod): string | undefined {
    const parts = [method.id, p.account];
    const consulted =
      method.kind === 'create-principal' ? [...method.actions, 'sts:AssumeRole'] : method.actions;
    for (const action of consulted) {
      const st = p.profile.statementsFor(action);
      const ids = (list: readonly { id: number; usesVariables: boolean }[] | null) => {
        if (list === null) return '-';
        return list.map((s) => s.id).join('.');
      };
      const all = [
        ...st.identity,
        ...(st.boundary ?? []),
        ...(st.scp ?? []),
        ...st.denies.map((d) => d.stmt),
      ];
      if (all.some((s) => s.usesVariables)) return undefined;
      parts.push(
        `${ids(st.identity)}/${ids(st.boundary)}/${ids(st.scp)}/${st.denies.map((d) => `${d.layer[0]}${d.stmt.id}`).join('.')}`,
      );
    }
    const long = parts.join('|');
    let key = this.relevanceKeys.get(long);
    if (key === undefined) this.relevanceKeys.set(long, (key = `rel#${this.relevanceKeys.size}`));
    return key;
  }

  /**
   * Add the edges of an outcome; shared ones under a key named by their targets, so methods
   * that reach the same roles the same way (four Lambda variants) share one edge list.
   * Returns the key to join (shared), if any edges.
   */
  private addEdges(
    p: AwsPrincipal,
    sharedKey: string | undefined,
    method: EscalationMethod,
    kind: EdgeKind,
    hits: TargetHit[],
  ): string | undefined {
    const seen = new Set<string>();
    const adminFirst = (h: TargetHit) =>
      h.gainFrom !== 'arbitrary' && this.oracle.isAdmin(h.gainFrom) ? 0 : 1;
    const sorted = hits
      .filter((h) => h.becomes && (sharedKey !== undefined || h.becomes !== p))
      .sort((a, b) => adminFirst(a) - adminFirst(b))
      .slice(0, MAX_EDGES_PER_METHOD);
    if (sorted.length === 0) return undefined;
    let edgeKey: string | undefined;
    if (sharedKey !== undefined) {
      // Edges without conditions differ only by target and confidence; others keep their outcome's key.
      const unconditioned = sorted.every((h) => h.conditions.length === 0);
      const targets = sorted
        .map((h) => `${h.becomes?.id ?? ''}${h.confidence === 'high' ? '' : '?'}`)
        .join(',');
      // Interned to a short key: very long strings hash poorly in Map/Set.
      const long = `${kind}|${unconditioned ? 'u' : sharedKey}|${targets}`;
      const known = this.edgeKeys.get(long);
      if (known !== undefined) return known;
      edgeKey = `edges#${this.edgeKeys.size}`;
      this.edgeKeys.set(long, edgeKey);
    }
    for (const h of sorted) {
      if (!h.becomes || seen.has(h.becomes.id)) continue;
      seen.add(h.becomes.id);
      const edge: Edge = {
        to: h.becomes,
        kind,
        methodId: method.id,
        confidence: h.confidence,
        ...(h.conditions.length > 0 ? { conditions: h.conditions } : {}),
        trustIds: [],
        matched: [...h.decisions.values()].flatMap((d) => d.matched),
      };
      if (edgeKey !== undefined) this.graph.addSharedEdge(edgeKey, edge);
      else this.graph.addEdge(p, edge);
    }
    return edgeKey;
  }

  /**
   * Targets worth reporting for this identity: those it would gain from. Computed once per
   * (outcome, identity profile) by comparing whole groups of targets that share a profile.
   */
  private select(outcome: MethodOutcome, p: AwsPrincipal): Selection {
    const self = p.profile;
    // A target that is the identity itself never counts; only arbitrary-gain hits can name it
    // (any other hit on itself has its own profile, which is never more privileged).
    outcome.arbitraryTargets ??= new Set(
      outcome.hits.flatMap((h) => (h.gainFrom === 'arbitrary' && h.becomes ? [h.becomes] : [])),
    );
    const selfSensitive = outcome.arbitraryTargets.has(p);
    const selfClass = this.oracle.classOf(self);
    const cached = selfSensitive ? undefined : outcome.perProfile?.get(selfClass.id);
    if (cached) return cached;
    outcome.groups ??= this.group(outcome.hits, this.maxTargets);
    const strict: Bucket = { count: 0, admin: false, top: [] };
    const loose: Bucket = { count: 0, admin: false, top: [] };
    for (const g of outcome.groups) {
      if (g.cls !== undefined && !this.oracle.classMorePrivileged(g.cls, selfClass)) continue;
      this.fill(strict, g.strict, g.admin, selfSensitive && g.cls === undefined ? p : undefined);
      this.fill(loose, g.loose, g.admin, selfSensitive && g.cls === undefined ? p : undefined);
    }
    const selection = { strict, loose };
    if (!selfSensitive) (outcome.perProfile ??= new Map()).set(selfClass.id, selection);
    return selection;
  }

  private fill(
    bucket: Bucket,
    part: OutcomeGroup['strict'],
    admin: boolean,
    skip: AwsPrincipal | undefined,
  ): void {
    const own = skip ? part.all.filter((h) => h.becomes === skip).length : 0;
    if (part.count - own === 0) return;
    bucket.count += part.count - own;
    bucket.admin ||= admin;
    for (const h of part.top) {
      if (bucket.top.length >= this.maxTargets) break;
      if (h.becomes !== skip || skip === undefined) bucket.top.push({ h, admin });
    }
  }

  /** Hits grouped by privilege class of what they give; per group the counts and first targets by name. */
  private group(hits: readonly TargetHit[], top: number): OutcomeGroup[] {
    const byClass = new Map<number, { cls: PrivilegeClass | undefined; hits: TargetHit[] }>();
    for (const h of hits) {
      const cls = h.gainFrom === 'arbitrary' ? undefined : this.oracle.classOf(h.gainFrom);
      const key = cls ? cls.id : -1;
      const entry = byClass.get(key);
      if (entry) entry.hits.push(h);
      else byClass.set(key, { cls, hits: [h] });
    }
    const rank = (cls: PrivilegeClass | undefined) => (cls === undefined ? 0 : cls.admin ? 1 : 2);
    const byName = (a: TargetHit, b: TargetHit) =>
      Number(a.confidence === 'medium') - Number(b.confidence === 'medium') ||
      compareText(a.target.name, b.target.name);
    const part = (list: TargetHit[]) => {
      const sorted = list.sort(byName);
      // One more than shown, so a hit on the identity itself can be skipped.
      return { count: sorted.length, top: sorted.slice(0, top + 1), all: sorted };
    };
    return [...byClass.values()]
      .map(({ cls, hits: list }) => ({
        cls,
        admin: cls === undefined || cls.admin,
        strict: part(list.filter((h) => !h.conditional)),
        loose: part(list.filter((h) => h.conditional)),
        first: list.reduce((a, b) => (byName(a, b) <= 0 ? a : b)),
      }))
      .sort((a, b) => rank(a.cls) - rank(b.cls) || byName(a.first, b.first));
  }

  private finding(
    p: AwsPrincipal,
    method: EscalationMethod,
    bucket: Bucket,
    constrained: boolean,
  ): EscalationFinding {
    // Identities of the same privilege class share the bucket, and so its sorted targets.
    const shared = (bucket.shared ??= this.sharedPart(method, bucket, constrained, p.profile));
    const best = shared.best;
    // Evidence is built when first read: counting findings costs nothing extra.
    const actions = () =>
      best
        ? [...best.decisions.entries()].flatMap(([action, d]) => {
            const e = p.permissions.actionEvidence(action, d);
            return e ? [e] : [];
          })
        : [];
    return withLazyActions(
      {
        methodId: method.id,
        kind: method.kind,
        title: method.title,
        description: method.description,
        references: method.references,
        confidence: shared.confidence,
        targets: shared.targets,
        targetCount: bucket.count,
        reachesAdmin: bucket.admin,
        ...(shared.conditions.length > 0 ? { conditions: shared.conditions } : {}),
        notes: shared.notes,
      },
      actions,
    );
  }

  /** The identity-independent part of a finding: targets in order, confidence, conditions. */
  private sharedPart(
    method: EscalationMethod,
    bucket: Bucket,
    constrained: boolean,
    self: Profile,
  ): SharedFinding {
    const sorted = [...bucket.top].sort(
      (a, b) =>
        Number(b.admin) - Number(a.admin) ||
        Number(a.h.confidence === 'medium') - Number(b.h.confidence === 'medium') ||
        compareText(a.h.target.name, b.h.target.name),
    );
    const targets = sorted.map(({ h, admin }) => {
      const t = h.target;
      const gain =
        h.gainFrom === 'arbitrary' ? ARBITRARY_GAIN : new LazyGain(admin, this.oracle, h.gainFrom, self);
      const out: EscalationTarget = { kind: t.kind, arn: t.arn, name: t.name, gain };
      if (t.id !== undefined) out.id = t.id;
      if (t.via !== undefined) out.via = t.via;
      return out;
    });
    const notes: string[] = [];
    if (method.confidence === 'medium')
      notes.push('Depends on facts not in the inventory; verify before acting.');
    return {
      best: sorted[0]?.h,
      targets,
      confidence: sorted.some((x) => x.h.confidence === 'high') ? 'high' : 'medium',
      conditions: constrained ? dedupeConditions(sorted.flatMap((x) => x.h.conditions)) : [],
      notes,
    };
  }

  // ---------------------------------------------------------------------------------------------

  private evaluate(method: EscalationMethod, p: AwsPrincipal): MethodOutcome {
    switch (method.kind) {
      case 'self-modify':
        return { method, hits: this.selfModify(method, p) };
      case 'remove-boundary':
        return { method, hits: this.removeBoundary(method, p) };
      case 'join-group':
        return { method, hits: this.joinGroup(method, p) };
      case 'user-credentials':
      case 'modify-user-then-credentials':
        return { method, hits: this.otherUsers(method, p) };
      case 'update-trust':
      case 'modify-role-then-trust':
        return { method, hits: this.otherRoles(method, p) };
      case 'create-principal':
        return { method, hits: this.createPrincipal(method, p) };
      case 'assume-role':
        return { method, hits: this.assumeRole(method, p) };
      case 'pass-role':
        return this.passRole(method, p);
      case 'existing-workload':
        return this.existingWorkload(method, p);
      case 'generic':
        return { method, hits: this.generic(method, p) };
    }
  }

  /** Quick filter: every required action is allowed somewhere (any resource, any condition). */
  private allGranted(p: AwsPrincipal, actions: readonly string[]): boolean {
    let indices = this.actionIndices.get(actions);
    if (!indices) this.actionIndices.set(actions, (indices = actions.map((a) => this.catalog.indexOf(a))));
    for (let k = 0; k < actions.length; k++) {
      const a = actions[k] ?? '';
      const i = indices[k];
      if (i !== undefined) {
        if (!p.profile.granted.has(this.catalog, i)) return false;
      } else if (decide(p.profile, a, undefined, p.context).result === 'none') return false;
    }
    return true;
  }

  /** Decide every action (resource per action); allow, conditional or none overall. */
  private checkAll(
    p: AwsPrincipal,
    actions: readonly string[],
    resourceOf: (action: string) => string | undefined,
    knownOf: (action: string) => KnownValues = () => NO_KNOWN_VALUES,
  ): CheckResult {
    const decisions = new Map<string, Decision>();
    const conditions: ConditionBlock[] = [];
    let status: 'allow' | 'conditional' = 'allow';
    for (const action of actions) {
      const d = decide(p.profile, action, resourceOf(action), p.context, knownOf(action));
      if (d.result === 'none' || d.result === 'deny') return { status: 'none', decisions, conditions };
      if (d.result === 'conditional') {
        status = 'conditional';
        conditions.push(...d.conditions);
      }
      decisions.set(action, d);
    }
    return { status, decisions, conditions };
  }

  private hit(
    target: Omit<EscalationTarget, 'gain'>,
    gainFrom: Profile | 'arbitrary',
    check: CheckResult,
    confidence: Confidence,
    becomes?: AwsPrincipal,
  ): TargetHit {
    return {
      target,
      gainFrom,
      ...(becomes ? { becomes } : {}),
      decisions: check.decisions,
      conditional: check.status === 'conditional',
      conditions: check.conditions,
      confidence,
    };
  }

  private pool(account: string, services: readonly string[]): RolePool {
    const key = `${account}|${[...services].sort().join(',')}`;
    let pool = this.pools.get(key);
    if (pool) return pool;
    const roles = new Set<AwsPrincipal>();
    const servicesOf = new Map<AwsPrincipal, string[]>();
    for (const sp of services)
      for (const r of this.index.rolesTrusting(account, sp)) {
        roles.add(r);
        const list = servicesOf.get(r);
        if (list) list.push(sp);
        else servicesOf.set(r, [sp]);
      }
    const byClass = new Map<PrivilegeClass, AwsPrincipal[]>();
    for (const r of roles) {
      const cls = this.oracle.classOf(r.profile);
      const list = byClass.get(cls);
      if (list) list.push(r);
      else byClass.set(cls, [r]);
    }
    const groups = [...byClass.entries()]
      .map(([cls, list]) => ({ cls, roles: list.sort((a, b) => compareText(a.name, b.name)) }))
      .sort(
        (a, b) =>
          Number(b.cls.admin) - Number(a.cls.admin) ||
          compareText(a.roles[0]?.name ?? '', b.roles[0]?.name ?? ''),
      );
    const list = [...roles];
    pool = {
      roles: list,
      position: new Map(list.map((r, i) => [r, i])),
      patternHits: new Map(),
      servicesOf,
      groups,
      partitions: new Map(),
    };
    this.pools.set(key, pool);
    return pool;
  }

  /**
   * The pool's roles split, per privilege class, into parts whose roles decide alike (same
   * `keyOf`), keeping name order. Cached per pool under `cacheKey` when given.
   */
  private partition(pool: RolePool, keyOf: (role: AwsPrincipal) => string, cacheKey?: string): Partition {
    const hit = cacheKey === undefined ? undefined : pool.partitions.get(cacheKey);
    if (hit) return hit;
    const partition: Partition = {
      groups: pool.groups.map((g) => {
        const parts = new Map<string, AwsPrincipal[]>();
        for (const role of g.roles) {
          const k = keyOf(role);
          const list = parts.get(k);
          if (list) list.push(role);
          else parts.set(k, [role]);
        }
        return { cls: g.cls, parts: [...parts.values()] };
      }),
    };
    if (cacheKey !== undefined) pool.partitions.set(cacheKey, partition);
    return partition;
  }

  /**
   * An outcome over a pool: `decide` gives the check of a part's roles (from one of them), or
   * undefined when the method cannot use them. Work is per part, not per role; hits are built
   * only for targets that can be listed and for graph edges.
   */
  private pooled(
    method: EscalationMethod,
    partition: Partition,
    decide: (representative: AwsPrincipal) => CheckResult | undefined,
    confidence: Confidence,
  ): MethodOutcome {
    const make = (role: AwsPrincipal, check: CheckResult) =>
      this.hit(this.targetOf(role), role.profile, check, confidence, role);
    const groups: OutcomeGroup[] = [];
    const edgeHits: TargetHit[] = [];
    const top = this.maxTargets + 1;
    for (const g of partition.groups) {
      const acc = {
        strict: { count: 0, pick: [] as [AwsPrincipal, CheckResult][] },
        loose: { count: 0, pick: [] as [AwsPrincipal, CheckResult][] },
      };
      for (const roles of g.parts) {
        const rep = roles[0];
        const check = rep ? decide(rep) : undefined;
        if (!check || check.status === 'none') continue;
        const a = check.status === 'conditional' ? acc.loose : acc.strict;
        a.count += roles.length;
        for (let i = 0; i < roles.length && i < top; i++) a.pick.push([roles[i] as AwsPrincipal, check]);
        for (let i = 0; i < roles.length && edgeHits.length < MAX_EDGES_PER_METHOD; i++)
          edgeHits.push(make(roles[i] as AwsPrincipal, check));
      }
      const finish = (x: { count: number; pick: [AwsPrincipal, CheckResult][] }) => {
        const hits = x.pick
          .sort((a, b) => compareText(a[0].name, b[0].name))
          .slice(0, top)
          .map(([role, check]) => make(role, check));
        return { count: x.count, top: hits, all: hits };
      };
      const strict = finish(acc.strict);
      const loose = finish(acc.loose);
      const first = strict.top[0] ?? loose.top[0];
      if (first) groups.push({ cls: g.cls, admin: g.cls.admin, strict, loose, first });
    }
    return { method, hits: edgeHits, groups };
  }

  /** Principals of `pool` that some allow of `action` could name (before the full decision). */
  private candidates<T>(p: AwsPrincipal, action: string, pool: readonly T[], arnOf: (t: T) => string): T[] {
    const stmts = p.profile.statementsFor(action).identity;
    if (stmts.some((s) => s.allResources || s.notResource)) return [...pool];
    const exact = new Set<string>();
    const wild: string[] = [];
    for (const s of stmts)
      for (const r of s.resources) {
        const resolved = resolvedPattern(r, p.context);
        if (resolved === undefined) continue;
        if (resolvedHasWildcard(r, p.context)) wild.push(r);
        else exact.add(resolved.toLowerCase());
      }
    return pool.filter((t) => {
      const arn = arnOf(t);
      return exact.has(arn.toLowerCase()) || wild.some((w) => resourceMatch(w, arn, p.context));
    });
  }

  private targetOf(q: AwsPrincipal): Omit<EscalationTarget, 'gain'> {
    return { kind: 'identity', id: q.id, arn: q.arn, name: q.name };
  }

  private assumableRoles(p: AwsPrincipal): { role: AwsPrincipal; edge: Edge }[] {
    return this.graph
      .assumeOut(p)
      .filter((e) => e.to.kind === 'aws-role')
      .map((edge) => ({ role: edge.to, edge }));
  }

  private selfModify(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const action = method.targetAction ?? method.actions[0] ?? '';
    const others = method.actions.filter((a) => a !== action && a.toLowerCase() !== 'sts:assumerole');
    const hits: TargetHit[] = [];
    const confidence: Confidence = method.confidence ?? 'high';
    if (method.via === 'assume') {
      for (const { role, edge } of this.assumableRoles(p)) {
        const handles = method.targetType === 'policy' ? role.attachedPolicyArns : [role.arn];
        for (const handle of handles) {
          const check = this.checkAll(p, [action, ...others], (a) => (a === action ? handle : undefined));
          if (check.status === 'none') continue;
          if (edge.conditions) {
            check.status = 'conditional';
            check.conditions.push(...edge.conditions);
          }
          const target = this.targetOf(role);
          hits.push(
            this.hit(
              method.targetType === 'policy'
                ? {
                    kind: 'policy',
                    arn: handle,
                    name: handle.slice(handle.lastIndexOf('/') + 1),
                    via: role.summary,
                  }
                : target,
              'arbitrary',
              check,
              confidence,
            ),
          );
          break;
        }
      }
      return hits;
    }
    const handles: { kind: EscalationTarget['kind']; arn: string; name: string; confidence: Confidence }[] =
      [];
    if (method.targetType === 'role' && p.kind === 'aws-role')
      handles.push({ kind: 'self', arn: p.arn, name: p.name, confidence });
    if (method.targetType === 'user' && p.kind === 'aws-user')
      handles.push({ kind: 'self', arn: p.arn, name: p.name, confidence });
    if (method.targetType === 'group' && p.kind === 'aws-user') {
      for (const g of p.groups)
        handles.push({ kind: 'group', arn: `arn:aws:iam::${p.account}:group/${g}`, name: g, confidence });
      // Membership of groups without policies is not in the inventory: a scope covering every
      // group still reaches the identity's groups, if it has any.
      if (p.groups.length === 0)
        handles.push({
          kind: 'group',
          arn: `arn:aws:iam::${p.account}:group/${PROBE}`,
          name: '(any group it is in)',
          confidence: 'medium',
        });
    }
    if (method.targetType === 'policy')
      for (const arn of p.attachedPolicyArns)
        handles.push({ kind: 'policy', arn, name: arn.slice(arn.lastIndexOf('/') + 1), confidence });
    for (const h of handles) {
      const check = this.checkAll(p, [action, ...others], (a) => (a === action ? h.arn : undefined));
      if (check.status === 'none') continue;
      hits.push(this.hit({ kind: h.kind, arn: h.arn, name: h.name }, 'arbitrary', check, h.confidence));
    }
    return hits;
  }

  private removeBoundary(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const action = method.targetAction ?? method.actions[0] ?? '';
    const others = method.actions.filter((a) => a !== action && a.toLowerCase() !== 'sts:assumerole');
    const candidates: { q: AwsPrincipal; conditions?: ConditionBlock[] }[] =
      method.via === 'assume'
        ? this.assumableRoles(p).map(({ role, edge }) => ({
            q: role,
            ...(edge.conditions ? { conditions: edge.conditions } : {}),
          }))
        : (method.targetType === 'role' && p.kind === 'aws-role') ||
            (method.targetType === 'user' && p.kind === 'aws-user')
          ? [{ q: p }]
          : [];
    const hits: TargetHit[] = [];
    for (const { q, conditions } of candidates) {
      if (!q.profile.hasBoundary) continue;
      const check = this.checkAll(p, [action, ...others], (a) => (a === action ? q.arn : undefined));
      if (check.status === 'none') continue;
      if (conditions) {
        check.status = 'conditional';
        check.conditions.push(...conditions);
      }
      const gain = this.index.profileWithoutBoundary(q);
      hits.push(
        this.hit(
          q === p ? { kind: 'self', arn: p.arn, name: p.name } : this.targetOf(q),
          gain,
          check,
          method.confidence ?? 'high',
        ),
      );
    }
    return hits;
  }

  private joinGroup(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    if (p.kind !== 'aws-user') return [];
    const action = method.targetAction ?? 'iam:AddUserToGroup';
    const mine = new Set(p.groups.map((g) => g.toLowerCase()));
    const pool: AwsGroup[] = [...this.index.groups.values()].filter(
      (g) => g.account === p.account && !mine.has(g.name.toLowerCase()) && g.statements.length > 0,
    );
    const hits: TargetHit[] = [];
    for (const g of this.candidates(p, action, pool, (x) => x.arn)) {
      const check = this.checkAll(p, method.actions, (a) => (a === action ? g.arn : undefined));
      if (check.status === 'none') continue;
      const gain = this.index.profileWith(p, g.statements);
      hits.push(
        this.hit({ kind: 'group', arn: g.arn, name: g.name }, gain, check, method.confidence ?? 'high'),
      );
    }
    return hits;
  }

  private otherUsers(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const action = method.targetAction ?? method.actions[0] ?? '';
    const pool = this.index.accountPrincipals(p.account).filter((q) => q.kind === 'aws-user');
    const arbitrary = method.kind === 'modify-user-then-credentials';
    const hits: TargetHit[] = [];
    for (const q of this.candidates(p, action, pool, (x) => x.arn)) {
      const check = this.checkAll(p, method.actions, () => q.arn);
      if (check.status === 'none') continue;
      const gain = arbitrary ? 'arbitrary' : q.profile;
      hits.push(this.hit(this.targetOf(q), gain, check, method.confidence ?? 'high', q));
    }
    return hits;
  }

  private otherRoles(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const trustAction = 'iam:UpdateAssumeRolePolicy';
    const pool = this.index.accountPrincipals(p.account).filter((q) => q.kind === 'aws-role');
    const arbitrary = method.kind === 'modify-role-then-trust';
    const hits: TargetHit[] = [];
    for (const q of this.candidates(p, trustAction, pool, (x) => x.arn)) {
      const handles = method.targetType === 'policy' ? q.attachedPolicyArns : [q.arn];
      for (const handle of handles) {
        const check = this.checkAll(p, method.actions, (a) =>
          a === method.targetAction && method.targetType === 'policy' ? handle : q.arn,
        );
        if (check.status === 'none') continue;
        const gain = arbitrary ? 'arbitrary' : q.profile;
        hits.push(this.hit(this.targetOf(q), gain, check, method.confidence ?? 'high', q));
        break;
      }
    }
    return hits;
  }

  /** ARNs of a new role or user the identity could create, derived from its allowed patterns. */
  private probeArns(p: AwsPrincipal, method: EscalationMethod): string[] {
    const type = method.targetType === 'user' ? 'user' : 'role';
    const prefix = `arn:aws:iam::${p.account}:${type}/`;
    const out = new Set<string>();
    for (const action of method.actions)
      for (const s of p.profile.statementsFor(action).identity) {
        if (s.allResources || s.notResource) out.add(prefix + PROBE);
        for (const r of s.resources) {
          if (coversAllResources(r)) continue;
          const resolved = resolvedPattern(r, p.context);
          if (!resolved) continue;
          const parts = resolved.replace(/[*?]/g, 'x').split(':');
          if (parts.length < 6 || parts[2] !== 'iam') continue;
          parts[4] = p.account;
          const arn = parts.join(':');
          if (arn.startsWith(prefix)) out.add(arn);
        }
      }
    return [...out];
  }

  private createPrincipal(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    for (const arn of this.probeArns(p, method)) {
      const check = this.checkAll(p, method.actions, () => arn);
      if (check.status === 'none') continue;
      // A role it creates trusts it by name, so no sts:AssumeRole allow is needed; a deny still stops it.
      if (
        method.targetType === 'role' &&
        decide(p.profile, 'sts:AssumeRole', arn, p.context).result === 'deny'
      )
        continue;
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      return [
        this.hit(
          { kind: 'new-principal', arn, name: name === PROBE ? `(new ${method.targetType})` : name },
          'arbitrary',
          check,
          method.confidence ?? 'high',
        ),
      ];
    }
    return [];
  }

  private assumeRole(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const hits: TargetHit[] = [];
    for (const { role, edge } of this.assumableRoles(p)) {
      const gain = role.profile;
      const d = decide(p.profile, 'sts:AssumeRole', role.arn, p.context);
      const decisions = new Map<string, Decision>();
      if (d.result === 'allow' || d.result === 'conditional') decisions.set('sts:AssumeRole', d);
      hits.push(
        this.hit(
          this.targetOf(role),
          gain,
          { status: edge.conditions ? 'conditional' : 'allow', decisions, conditions: edge.conditions ?? [] },
          minConfidence(edge.confidence, method.confidence),
        ),
      );
    }
    return hits;
  }

  private passRole(method: EscalationMethod, p: AwsPrincipal): MethodOutcome {
    const passRole = method.actions.find((a) => a.toLowerCase() === 'iam:passrole') ?? 'iam:PassRole';
    const others = method.actions.filter((a) => a !== passRole);
    // The service actions do not name the role: decided once, not per candidate.
    const service = this.checkAll(p, others, () => undefined);
    if (service.status === 'none') return { method, hits: [] };
    const services = method.servicePrincipals ?? [];
    const pool = this.pool(p.account, services);
    // A role's decision depends only on which statements about iam:PassRole cover its ARN (and
    // on the service it is passed to): decide once per distinct combination.
    const st = p.profile.statementsFor(passRole);
    const relevant = [
      ...st.identity,
      ...(st.boundary ?? []),
      ...(st.scp ?? []),
      ...st.denies.map((d) => d.stmt),
    ];
    const resourceFree = relevant.every((x) => x.allResources);
    // More than 24 relevant statements (rare): decide per role rather than per combination.
    const cacheable = relevant.length <= 24;
    const cache = new Map<number, CheckResult>();
    const combinedFor = new Map<CheckResult, CheckResult>();
    const coverOf = (role: AwsPrincipal): number => {
      let cover = 0;
      if (!resourceFree)
        for (let i = 0; i < relevant.length && cacheable; i++)
          if (this.covers(pool, relevant[i] as CompiledStatement, role, p)) cover |= 1 << i;
      return cover;
    };
    // Roles with the same covering statements and services decide alike; the split is shared by
    // every method that consults the same statements (unless they use policy variables).
    const partition = this.partition(
      pool,
      cacheable ? (role) => `${coverOf(role)}|${this.servicesOf(pool, role).join(',')}` : (role) => role.id,
      cacheable && !p.profile.usesVariables
        ? resourceFree
          ? '*'
          : relevant.map((x) => x.id).join('.')
        : undefined,
    );
    const decideRole = (role: AwsPrincipal): CheckResult | undefined => {
      const cover = coverOf(role);
      let best: CheckResult | undefined;
      for (const sp of this.servicesOf(pool, role)) {
        const key = cacheable ? cover * 64 + services.indexOf(sp) : -1;
        let check = cache.get(key);
        if (!check) {
          const known: KnownValues = new Map([['iam:passedtoservice', sp]]);
          check = this.checkAll(
            p,
            [passRole],
            () => role.arn,
            () => known,
          );
          if (cacheable) cache.set(key, check);
        }
        if (check.status === 'allow') {
          best = check;
          break;
        }
        if (check.status === 'conditional') best ??= check;
      }
      if (!best || best.status === 'none') return undefined;
      let combined = combinedFor.get(best);
      if (!combined) {
        combined = {
          status: best.status === 'conditional' || service.status === 'conditional' ? 'conditional' : 'allow',
          decisions: new Map([...best.decisions, ...service.decisions]),
          conditions: [...best.conditions, ...service.conditions],
        };
        combinedFor.set(best, combined);
      }
      return combined;
    };
    return this.pooled(method, partition, decideRole, method.confidence ?? 'high');
  }

  /** Does the statement's Resource cover the role? Pattern results are cached per pool. */
  private covers(pool: RolePool, stmt: CompiledStatement, role: AwsPrincipal, p: AwsPrincipal): boolean {
    if (stmt.allResources) return true;
    if (stmt.usesVariables) return statementCoversResource(stmt, role.arn, p.context);
    const position = pool.position.get(role) ?? -1;
    let hit = false;
    for (const pattern of stmt.resources) {
      let matched = pool.patternHits.get(pattern);
      if (!matched) {
        matched = new Uint8Array(pool.roles.length);
        const re = wildcardRegex(pattern, false);
        pool.roles.forEach((r, i) => {
          if (re.test(r.arn)) matched![i] = 1;
        });
        pool.patternHits.set(pattern, matched);
      }
      if (matched[position] === 1) {
        hit = true;
        break;
      }
    }
    return stmt.notResource ? !hit : hit;
  }

  /** The pool's services that a role trusts. */
  private servicesOf(pool: RolePool, role: AwsPrincipal): readonly string[] {
    return pool.servicesOf.get(role) ?? [];
  }

  private existingWorkload(method: EscalationMethod, p: AwsPrincipal): MethodOutcome {
    const resourceAction = method.resourceAction ?? method.actions[0] ?? '';
    const kinds = method.workloadKinds ?? [];
    const workloads = this.workloadsOf(p.account, kinds);
    const hits: TargetHit[] = [];
    if (workloads.length > 0) {
      for (const w of this.candidates(p, resourceAction, workloads, (x) => x.nativeId)) {
        const role = this.index.workloadRole(w);
        if (!role) continue;
        const check = this.checkAll(p, method.actions, (a) =>
          a === resourceAction ? w.nativeId : undefined,
        );
        if (check.status === 'none') continue;
        const gain = role.profile;
        hits.push(
          this.hit(
            { kind: 'workload', arn: w.nativeId, name: w.name, id: role.id, via: role.summary },
            gain,
            check,
            method.confidence ?? 'high',
            role,
          ),
        );
      }
      return { method, hits };
    }
    // No workload data for this service: any role the service can use may be running it.
    const pool = this.pool(p.account, method.servicePrincipals ?? []);
    if (pool.roles.length === 0) return { method, hits };
    const check = this.checkAll(p, method.actions, () => undefined);
    if (check.status === 'none') return { method, hits };
    return this.pooled(
      method,
      this.partition(pool, () => '', 'whole'),
      () => check,
      'medium',
    );
  }

  private workloadsOf(account: string, kinds: readonly string[]): readonly Workload[] {
    const key = `${account}\u0000${kinds.join(',')}`;
    let found = this.workloadsByKey.get(key);
    if (!found) {
      if (!this.workloadsByAccount) {
        this.workloadsByAccount = new Map();
        for (const w of this.index.workloads) {
          const list = this.workloadsByAccount.get(w.account);
          if (list) list.push(w);
          else this.workloadsByAccount.set(w.account, [w]);
        }
      }
      found = (this.workloadsByAccount.get(account) ?? []).filter((w) => kinds.includes(w.kind));
      this.workloadsByKey.set(key, found);
    }
    return found;
  }

  private generic(method: EscalationMethod, p: AwsPrincipal): TargetHit[] {
    const check = this.checkAll(p, method.actions, () => undefined);
    if (check.status === 'none') return [];
    return [
      this.hit(
        { kind: 'new-principal', arn: '*', name: '(not resolvable from the inventory)' },
        'arbitrary',
        check,
        method.confidence ?? 'medium',
      ),
    ];
  }
}

/** What a target gives: `admin` known at once, the counted summary computed on first read. */
class LazyGain implements GainSummary {
  private value: GainSummary | undefined;

  constructor(
    readonly admin: boolean,
    private readonly oracle: PrivilegeOracle,
    private readonly target: Profile,
    private readonly self: Profile,
  ) {}

  private get summary(): GainSummary {
    return (this.value ??= this.oracle.gainSummary(this.target, this.self));
  }

  get count(): number {
    return this.summary.count;
  }

  get sample(): string[] {
    return this.summary.sample;
  }

  toJSON(): GainSummary {
    return { admin: this.admin, count: this.count, sample: this.sample };
  }
}

/** A finding whose `actions` evidence is computed on first read; `toJSON` includes it. */
class Finding implements EscalationFinding {
  readonly methodId: string;
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly references: string[];
  readonly confidence: Confidence;
  readonly targets: EscalationTarget[];
  readonly targetCount: number;
  readonly reachesAdmin: boolean;
  readonly conditions?: ConditionBlock[];
  readonly notes: string[];
  private actionsValue: EscalationFinding['actions'] | undefined;

  constructor(
    fields: Omit<EscalationFinding, 'actions'>,
    private readonly compute: () => EscalationFinding['actions'],
  ) {
    this.methodId = fields.methodId;
    this.kind = fields.kind;
    this.title = fields.title;
    this.description = fields.description;
    this.references = fields.references;
    this.confidence = fields.confidence;
    this.targets = fields.targets;
    this.targetCount = fields.targetCount;
    this.reachesAdmin = fields.reachesAdmin;
    if (fields.conditions) this.conditions = fields.conditions;
    this.notes = fields.notes;
  }

  get actions(): EscalationFinding['actions'] {
    return (this.actionsValue ??= this.compute());
  }

  toJSON(): EscalationFinding {
    return {
      methodId: this.methodId,
      kind: this.kind,
      title: this.title,
      description: this.description,
      references: this.references,
      confidence: this.confidence,
      targets: this.targets,
      targetCount: this.targetCount,
      reachesAdmin: this.reachesAdmin,
      actions: this.actions,
      ...(this.conditions ? { conditions: this.conditions } : {}),
      notes: this.notes,
    };
  }
}

function withLazyActions(
  finding: Omit<EscalationFinding, 'actions'>,
  compute: () => EscalationFinding['actions'],
): EscalationFinding {
  return new Finding(finding, compute);
}

/** Code-unit order: stable across locales and far cheaper than localeCompare in hot sorts. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupeConditions(list: ConditionBlock[]): ConditionBlock[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
