/**
 * Effective identity-policy permissions for the purpose of this assessment.
 *
 * Model (the parts of IAM evaluation that decide privilege of one principal in its own account):
 * allowed = (identity policies allow) ∩ (permissions boundary allows, when there is one)
 *           ∩ (SCPs allow, when given for the account), minus explicit denies from any of them.
 * An unconditioned Deny on every resource removes an action; a Deny on specific resources or
 * behind a condition leaves the allow in place and is noted. A conditioned Allow counts as
 * "conditional", never as a plain grant. Resource-based policies, session policies and RCPs are
 * not modelled (trust policies are, in reachability).
 *
 * Work is shared: a `Profile` is built once per distinct combination of statements (identity
 * layer, boundary, SCPs) and every identity with the same combination uses it. Action sets are
 * kept as per-service bit words, so `*` is never expanded into 22,000 entries.
 */
import { ActionSet } from './action-set';
import { ACCESS_LEVELS, type AccessLevel, type AwsCatalog } from './catalog';
import { type ConditionBlock, evaluateCondition, type KnownValues, NO_KNOWN_VALUES } from './conditions';
import { coversAllResources, resolvedPattern, type VariableContext, wildcardMatch } from './patterns';
import {
  type CompiledStatement,
  displayResources,
  statementCoversAction,
  statementCoversResource,
} from './statements';
import type {
  ActionEvidence,
  ActionsSummary,
  DenyNote,
  GrantedAction,
  StatementEvidence,
  StatementLayer,
} from './types';

export interface LayerStatements {
  readonly allows: readonly CompiledStatement[];
  readonly denies: readonly CompiledStatement[];
}

interface ActionStatements {
  identity: CompiledStatement[];
  boundary: CompiledStatement[] | null;
  scp: CompiledStatement[] | null;
  denies: { stmt: CompiledStatement; layer: StatementLayer }[];
}

function splitLayer(stmts: readonly CompiledStatement[]): LayerStatements {
  return {
    allows: stmts.filter((s) => s.effect === 'Allow'),
    denies: stmts.filter((s) => s.effect === 'Deny'),
  };
}

export class Profile {
  readonly identity: LayerStatements;
  readonly boundary: LayerStatements | null;
  readonly scp: LayerStatements | null;
  /** Allowed on some resource, under some condition, after full denies. */
  readonly granted: ActionSet;
  /** Allowed on every resource without a condition in every layer, after full denies. */
  readonly unconstrained: ActionSet;
  /** Allowed on every resource in every layer, possibly under conditions. */
  readonly broad: ActionSet;
  readonly fullyDenied: ActionSet;
  /** Touched by a resource-specific or conditional deny. */
  readonly partiallyDenied: ActionSet;
  readonly unknownActions: readonly string[];
  /** Allowed (under any condition) with a broad resource scope: `*`, NotResource or a whole resource type. */
  readonly broadScope: ActionSet;
  /** Some statement's resources use policy variables, so decisions depend on the identity. */
  readonly usesVariables: boolean;
  private readonly perAction = new Map<string, ActionStatements>();
  /** Caches filled by the detectors; keyed by what they compute. */
  readonly memo = new Map<string, unknown>();
  /** Id of its privilege class (privilege.ts), once computed. */
  privilegeClass: number | undefined;

  constructor(
    readonly catalog: AwsCatalog,
    readonly id: number,
    readonly signature: string,
    identity: readonly CompiledStatement[],
    boundary: readonly CompiledStatement[] | null,
    scp: readonly CompiledStatement[] | null,
  ) {
    this.identity = splitLayer(identity);
    this.boundary = boundary ? splitLayer(boundary) : null;
    this.scp = scp ? splitLayer(scp) : null;
    const layers = [this.identity, this.boundary, this.scp].filter((l): l is LayerStatements => l !== null);
    const union = (stmts: readonly CompiledStatement[], keep: (s: CompiledStatement) => boolean) =>
      stmts.filter(keep).reduce((acc, s) => acc.union(s.actions, catalog), ActionSet.EMPTY);
    const across = (keep: (s: CompiledStatement) => boolean) =>
      layers.map((l) => union(l.allows, keep)).reduce((acc, set) => acc.intersect(set, catalog));
    const denies = layers.flatMap((l) => l.denies);
    this.fullyDenied = union(denies, (s) => s.allResources && !s.condition);
    this.partiallyDenied = union(denies, (s) => !(s.allResources && !s.condition));
    this.granted = across(() => true).subtract(this.fullyDenied);
    this.unconstrained = across((s) => s.allResources && !s.condition).subtract(this.fullyDenied);
    this.broad = across((s) => s.allResources).subtract(this.fullyDenied);
    this.broadScope = [this.boundary, this.scp]
      .filter((l): l is LayerStatements => l !== null)
      .reduce(
        (acc, l) =>
          acc.intersect(
            union(l.allows, () => true),
            catalog,
          ),
        union(this.identity.allows, (s) => s.broadResources),
      )
      .subtract(this.fullyDenied);
    this.usesVariables = [...identity, ...(boundary ?? []), ...(scp ?? [])].some((s) => s.usesVariables);
    const unknown = new Set<string>();
    for (const s of this.identity.allows) for (const a of s.unknownActions) unknown.add(a);
    this.unknownActions = [...unknown].sort();
  }

  /** Statements of each layer whose Action/NotAction covers the action (cached per action). */
  statementsFor(action: string): ActionStatements {
    const key = action.toLowerCase();
    let hit = this.perAction.get(key);
    if (hit) return hit;
    const index = this.catalog.indexOf(key);
    const covers = (s: CompiledStatement) => statementCoversAction(s, this.catalog, key, index);
    const denies: ActionStatements['denies'] = [];
    for (const [layer, l] of [
      ['identity', this.identity],
      ['boundary', this.boundary],
      ['scp', this.scp],
    ] as const) {
      if (l) for (const s of l.denies) if (covers(s)) denies.push({ stmt: s, layer });
    }
    hit = {
      identity: this.identity.allows.filter(covers),
      boundary: this.boundary ? this.boundary.allows.filter(covers) : null,
      scp: this.scp ? this.scp.allows.filter(covers) : null,
      denies,
    };
    // Bounded: a profile is queried for a few dozen actions; enumerating all must not pin them all.
    if (this.perAction.size < 256) this.perAction.set(key, hit);
    return hit;
  }

  get hasBoundary(): boolean {
    return this.boundary !== null;
  }
}

/** Sorted, de-duplicated statement ids: the part of a signature one layer contributes. */
function idList(list: readonly CompiledStatement[]): string {
  if (list.length === 1) return String(list[0]?.id ?? '');
  const ids = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) ids[i] = list[i]?.id ?? 0;
  ids.sort();
  let out = '';
  for (let i = 0; i < ids.length; i++)
    if (i === 0 || ids[i] !== ids[i - 1]) out += i === 0 ? `${ids[i]}` : `,${ids[i]}`;
  return out;
}

/** Builds and shares profiles by signature. */
export class ProfileFactory {
  private readonly bySignature = new Map<string, Profile>();

  constructor(readonly catalog: AwsCatalog) {}

  get size(): number {
    return this.bySignature.size;
  }

  get(
    identity: readonly CompiledStatement[],
    boundary: readonly CompiledStatement[] | null,
    scp: { key: string; statements: readonly CompiledStatement[] } | null,
  ): Profile {
    const signature = `${idList(identity)}|${boundary ? idList(boundary) : '-'}|${scp ? scp.key : '-'}`;
    let profile = this.bySignature.get(signature);
    if (!profile) {
      const dedupe = (list: readonly CompiledStatement[]) => [
        ...new Map(list.map((s) => [s.id, s])).values(),
      ];
      profile = new Profile(
        this.catalog,
        this.bySignature.size,
        signature,
        dedupe(identity),
        boundary ? dedupe(boundary) : null,
        scp ? dedupe(scp.statements) : null,
      );
      this.bySignature.set(signature, profile);
    }
    return profile;
  }
}

export type DecisionResult = 'allow' | 'conditional' | 'deny' | 'none';

export interface MatchedStatement {
  stmt: CompiledStatement;
  layer: StatementLayer;
  /** The conditions left undecided, when the statement allows only conditionally. */
  remaining?: ConditionBlock;
}

export interface Decision {
  result: DecisionResult;
  /** Allow statements that make the decision (all layers). */
  matched: MatchedStatement[];
  conditions: ConditionBlock[];
  /** Unconditioned denies covering the request. */
  deniedBy: MatchedStatement[];
  /** Denies that do not decide: conditional, or (for "any resource") resource-specific. */
  notes: (MatchedStatement & { kind: DenyNote['kind'] })[];
}

const TIER = { none: 0, conditional: 1, allow: 2 } as const;

/**
 * Decide one request. `resource` undefined asks "on some resource"; `known` supplies condition
 * values this caller knows (e.g. `iam:passedtoservice`).
 */
export function decide(
  profile: Profile,
  action: string,
  resource: string | undefined,
  context: VariableContext,
  known: KnownValues = NO_KNOWN_VALUES,
): Decision {
  const stmts = profile.statementsFor(action);
  const matched: MatchedStatement[] = [];
  let tier: number = TIER.allow;
  const layers: [StatementLayer, CompiledStatement[] | null][] = [
    ['identity', stmts.identity],
    ['boundary', stmts.boundary],
    ['scp', stmts.scp],
  ];
  for (const [layer, list] of layers) {
    if (list === null) continue;
    let best: number = TIER.none;
    const hits: MatchedStatement[] = [];
    for (const stmt of list) {
      if (resource !== undefined && !statementCoversResource(stmt, resource, context)) continue;
      const outcome = evaluateCondition(stmt.condition, known);
      if (outcome.verdict === 'no-match') continue;
      const t = outcome.verdict === 'match' ? TIER.allow : TIER.conditional;
      hits.push({ stmt, layer, remaining: outcome.remaining });
      if (t > best) best = t;
    }
    tier = Math.min(tier, best);
    // Evidence: the statements at the layer's best tier.
    matched.push(...hits.filter((h) => (best === TIER.allow ? !h.remaining : true)));
  }
  const deniedBy: MatchedStatement[] = [];
  const notes: Decision['notes'] = [];
  for (const { stmt, layer } of stmts.denies) {
    if (resource !== undefined && !statementCoversResource(stmt, resource, context)) continue;
    const outcome = evaluateCondition(stmt.condition, known);
    if (outcome.verdict === 'no-match') continue;
    const coversAll = resource !== undefined || stmt.allResources;
    if (outcome.verdict === 'match' && coversAll) deniedBy.push({ stmt, layer });
    else
      notes.push({
        stmt,
        layer,
        remaining: outcome.remaining,
        kind: outcome.verdict === 'match' ? 'resource-specific' : 'conditional',
      });
  }
  if (tier === TIER.none) return { result: 'none', matched: [], conditions: [], deniedBy, notes };
  if (deniedBy.length > 0) return { result: 'deny', matched, conditions: [], deniedBy, notes };
  const conditions =
    tier === TIER.conditional ? matched.flatMap((m) => (m.remaining ? [m.remaining] : [])) : [];
  return { result: tier === TIER.allow ? 'allow' : 'conditional', matched, conditions, deniedBy, notes };
}

/** Evidence of one statement as it reached this identity (one entry per grant carrying it). */
export type EvidenceIndex = Record<StatementLayer, Map<number, StatementEvidence[]>>;

export function emptyEvidenceIndex(): EvidenceIndex {
  return { identity: new Map(), boundary: new Map(), scp: new Map() };
}

export function addEvidence(
  index: EvidenceIndex,
  stmt: CompiledStatement,
  evidence: StatementEvidence,
): void {
  const map = index[evidence.layer];
  const list = map.get(stmt.id);
  if (list) list.push(evidence);
  else map.set(stmt.id, [evidence]);
}

function intersectResources(a: string[], b: string[]): string[] {
  const isAll = (list: string[]) => list.some((r) => coversAllResources(r) || r.startsWith('NOT '));
  if (isAll(a)) return b;
  if (isAll(b)) return a;
  const out = new Set<string>();
  for (const x of a) if (b.some((y) => wildcardMatch(y, x))) out.add(x);
  for (const y of b) if (a.some((x) => wildcardMatch(x, y))) out.add(y);
  return [...out];
}

/**
 * The part of a granted action's evidence that depends on the policies alone, not on which
 * identity holds them (no grant ids): action, resources, unconstrained, conditions. Identities
 * that share a profile share it, so exposure reports compute it once per profile.
 */
export type GrantShape = Omit<ActionEvidence, 'statements'>;

export function grantShape(profile: Profile, action: string, d: Decision): GrantShape | null {
  if (d.result !== 'allow' && d.result !== 'conditional') return null;
  const catalog = profile.catalog;
  const index = catalog.indexOf(action);
  const byLayer = (layer: StatementLayer) => d.matched.filter((m) => m.layer === layer);
  let resources = [...new Set(byLayer('identity').flatMap((m) => displayResources(m.stmt)))];
  for (const layer of ['boundary', 'scp'] as const) {
    const list = byLayer(layer);
    if (list.length > 0)
      resources = intersectResources(
        resources,
        list.flatMap((m) => displayResources(m.stmt)),
      );
  }
  const layerUnconstrained = (layer: StatementLayer, present: boolean) =>
    !present || byLayer(layer).some((m) => m.stmt.allResources && !m.remaining);
  const unconstrained =
    d.result === 'allow' &&
    byLayer('identity').some((m) => m.stmt.allResources && !m.remaining) &&
    layerUnconstrained('boundary', profile.boundary !== null) &&
    layerUnconstrained('scp', profile.scp !== null);
  return {
    action: index === undefined ? action.toLowerCase() : catalog.nameOf(index),
    resources,
    unconstrained,
    ...(d.conditions.length > 0 ? { conditions: d.conditions } : {}),
  };
}

/**
 * One identity's effective permissions: answers `can(action, resource?)` through the matcher
 * and lists granted actions on demand without materialising `*`.
 */
export class EffectivePermissions {
  constructor(
    readonly profile: Profile,
    readonly context: VariableContext,
    private readonly evidenceOf: () => EvidenceIndex,
  ) {}

  private get evidence(): EvidenceIndex {
    return this.evidenceOf();
  }

  get catalog(): AwsCatalog {
    return this.profile.catalog;
  }

  check(action: string, resource?: string, known?: Record<string, string | null>): Decision {
    const values: KnownValues = known
      ? new Map(Object.entries(known).map(([k, v]) => [k.toLowerCase(), v]))
      : NO_KNOWN_VALUES;
    return decide(this.profile, action, resource, this.context, values);
  }

  /** Allowed without an unresolved condition (on `resource`, or on some resource when omitted). */
  can(action: string, resource?: string): boolean {
    return this.check(action, resource).result === 'allow';
  }

  statementEvidence(matched: readonly MatchedStatement[]): StatementEvidence[] {
    const out: StatementEvidence[] = [];
    const seen = new Set<string>();
    for (const m of matched) {
      for (const e of this.evidence[m.layer].get(m.stmt.id) ?? []) {
        const key = `${e.layer}:${e.grantId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(e);
      }
    }
    return out;
  }

  /** The grant of one action, or null when it is not granted (or denied). */
  explain(action: string, decision?: Decision): GrantedAction | null {
    const d = decision ?? this.check(action);
    const shape = grantShape(this.profile, action, d);
    if (!shape) return null;
    const index = this.catalog.indexOf(action);
    const { resources, unconstrained } = shape;
    const limitedBy: DenyNote[] = d.notes.flatMap((n) =>
      (this.evidence[n.layer].get(n.stmt.id) ?? []).map((e) => ({
        grantId: e.grantId,
        kind: n.kind,
        resources: displayResources(n.stmt),
        ...(n.stmt.condition ? { condition: n.stmt.condition } : {}),
      })),
    );
    return {
      action: index === undefined ? action.toLowerCase() : this.catalog.nameOf(index),
      accessLevels: index === undefined ? [] : this.catalog.accessLevels(index),
      resources,
      unconstrained,
      ...(d.conditions.length > 0 ? { conditions: d.conditions } : {}),
      statements: this.statementEvidence(d.matched).map((e) => e.grantId),
      ...(limitedBy.length > 0 ? { limitedBy } : {}),
    };
  }

  /** Evidence for a finding: the action, its resources and the statements as written. */
  actionEvidence(action: string, decision?: Decision): ActionEvidence | null {
    const d = decision ?? this.check(action);
    const shape = grantShape(this.profile, action, d);
    return shape ? { ...shape, statements: this.statementEvidence(d.matched) } : null;
  }

  /** Granted actions, in catalogue order, then actions the catalogue does not know. */
  *actions(filter?: {
    accessLevel?: AccessLevel;
    service?: string;
    unconstrainedOnly?: boolean;
  }): Generator<GrantedAction> {
    let set = filter?.unconstrainedOnly ? this.profile.unconstrained : this.profile.granted;
    if (filter?.accessLevel)
      set = set.intersect(this.catalog.withAccessLevel(filter.accessLevel), this.catalog);
    if (filter?.service) set = set.intersect(this.catalog.serviceSet(filter.service), this.catalog);
    for (const index of set.indices(this.catalog)) {
      const granted = this.explain(this.catalog.nameOf(index));
      if (granted && (!filter?.unconstrainedOnly || granted.unconstrained)) yield granted;
    }
    if (filter?.accessLevel || filter?.unconstrainedOnly) return;
    for (const action of this.profile.unknownActions) {
      if (filter?.service && !action.startsWith(`${filter.service.toLowerCase()}:`)) continue;
      const granted = this.explain(action);
      if (granted) yield granted;
    }
  }

  /** Resource patterns of the identity layer with this identity's variables resolved, for display. */
  resolveResource(pattern: string): string | undefined {
    return resolvedPattern(pattern, this.context);
  }
}

function levelCounts(set: ActionSet, catalog: AwsCatalog): Record<AccessLevel, number> {
  const out = {} as Record<AccessLevel, number>;
  for (const level of ACCESS_LEVELS)
    out[level] = set.intersect(catalog.withAccessLevel(level), catalog).count();
  return out;
}

/** Counts per access level (an action with combined levels counts under each), cached per profile. */
export function summarizeProfile(
  profile: Profile,
): Omit<ActionsSummary, 'unevaluatedPolicies' | 'boundaryNotEvaluated'> {
  const cached = profile.memo.get('summary');
  if (cached) return cached as Omit<ActionsSummary, 'unevaluatedPolicies' | 'boundaryNotEvaluated'>;
  const catalog = profile.catalog;
  const summary = {
    granted: profile.granted.count(),
    unconstrained: profile.unconstrained.count(),
    byAccessLevel: levelCounts(profile.granted, catalog),
    unconstrainedByAccessLevel: levelCounts(profile.unconstrained, catalog),
    services: profile.granted.services().length,
    unknownActions: [...profile.unknownActions],
    hasBoundary: profile.boundary !== null,
    scpApplied: profile.scp !== null,
  };
  profile.memo.set('summary', summary);
  return summary;
}
