/**
 * The AWS privilege assessment of a whole inventory: effective permissions, admin-equivalence,
 * escalation methods, exposures and reachability for every AWS role, user and root user.
 * Pure: inventory in, results out; the action catalogue must be loaded first
 * (`await loadAwsCatalog()`), or passed in.
 */
import type { Inventory, PolicyStatement } from '../../model/inventory';
import { type AwsCatalog, loadedAwsCatalog } from './catalog';
import { detectAdmin } from './detect-admin';
import { EscalationDetector } from './detect-escalation';
import { detectExposure, type ExposureKind } from './detect-exposure';
import { type EffectivePermissions, summarizeProfile } from './evaluate';
import { ESCALATION_METHODS, type EscalationMethod } from './escalation-methods';
import { AwsInventoryIndex, type AwsPrincipal } from './principals';
import { PrivilegeOracle } from './privilege';
import { ReachabilityGraph } from './reachability';
import type {
  ActionsSummary,
  AdminEvidence,
  EscalationFinding,
  ExposureReport,
  InboundPrincipal,
  PrincipalSummary,
  ReachablePath,
} from './types';

export interface AnalyzeAwsOptions {
  /** The loaded catalogue; defaults to the one `loadAwsCatalog()` loaded. */
  catalog?: AwsCatalog;
  /** SCP statements that apply to each account (all levels flattened), when collected. */
  scps?: Record<string, readonly PolicyStatement[]>;
  /** Targets listed per escalation finding (default 10). */
  maxTargets?: number;
  /** Items listed per exposure report (default 25). */
  maxItems?: number;
  /** Reachable paths listed per identity (default 25). */
  maxReachable?: number;
  /** Restrict the escalation methods evaluated (default: all). */
  methods?: readonly EscalationMethod[];
}

export interface AwsIdentityPrivilege {
  identityId: string;
  principal: PrincipalSummary;
  admin: AdminEvidence | null;
  constrainedAdmin: AdminEvidence | null;
  /** Escalations that fire: every action allowed without an unresolved condition. */
  escalations: EscalationFinding[];
  /** Escalations gated by a condition (shown with the condition, not counted as escalations). */
  constrainedEscalations: EscalationFinding[];
  credentialExposure: ExposureReport;
  dataExfiltration: ExposureReport;
  resourceExposure: ExposureReport;
  /** Identities it can become, shortest path each, admin-equivalent targets first. */
  reachable: ReachablePath[];
  reachableCount: number;
  /** Shortest path to an admin-equivalent identity, when one exists and it is not one itself. */
  reachesAdmin: ReachablePath | null;
  /** Who may become it according to its trust policy (roles only). */
  assumableBy: InboundPrincipal[];
  actionsSummary: ActionsSummary;
  /** Query interface: `can(action, resource?)`, `explain(action)`, `actions()`. */
  permissions: EffectivePermissions;
}

export interface AwsPrivilegeAnalysis {
  catalog: AwsCatalog;
  byIdentity: Map<string, AwsIdentityPrivilege>;
  graph: ReachabilityGraph;
  methods: readonly EscalationMethod[];
  stats: {
    identities: number;
    profiles: number;
    statements: number;
    edges: number;
    elapsedMs: number;
  };
}

export function analyzeAwsPrivilege(
  inventory: Inventory,
  opts: AnalyzeAwsOptions = {},
): AwsPrivilegeAnalysis {
  const started = performance.now();
  const catalog = opts.catalog ?? loadedAwsCatalog();
  if (!catalog) throw new Error('The AWS action catalogue is not loaded: await loadAwsCatalog() first.');
  const maxTargets = opts.maxTargets ?? 10;
  const maxItems = opts.maxItems ?? 25;
  const maxReachable = opts.maxReachable ?? 25;
  const methods = opts.methods ?? ESCALATION_METHODS;

  const index = new AwsInventoryIndex(catalog, inventory, opts.scps ?? {});
  const oracle = new PrivilegeOracle(catalog);
  const graph = new ReachabilityGraph(index, oracle);
  const detector = new EscalationDetector(index, oracle, graph, methods, maxTargets);

  // Escalation detection adds the pass-role, credential, trust and workload edges, so it runs
  // for everyone before any path is read from the graph.
  const detected = new Map<string, ReturnType<EscalationDetector['detect']>>();
  for (const p of index.principals) detected.set(p.id, detector.detect(p));

  const byIdentity = new Map<string, AwsIdentityPrivilege>();
  for (const p of index.principals) {
    const { admin, constrainedAdmin } = detectAdmin(p, oracle);
    const found = detected.get(p.id) ?? { escalations: [], constrained: [] };
    const reachesAdmin = admin ? null : graph.pathToAdmin(p);
    const chain = admin ? null : chainFinding(reachesAdmin, found.escalations, found.constrained);
    if (chain) (chain.constrained ? found.constrained : found.escalations).push(chain.finding);
    const result = new IdentityPrivilege(p, graph, oracle, maxItems, maxReachable, {
      admin,
      constrainedAdmin,
      escalations: found.escalations,
      constrainedEscalations: found.constrained,
      reachesAdmin,
    });
    byIdentity.set(p.id, result);
  }
  return {
    catalog,
    byIdentity,
    graph,
    methods,
    stats: {
      identities: index.principals.length,
      profiles: index.factory.size,
      statements: index.compiler.size,
      edges: graph.size,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

/**
 * One identity's results. Exposures, reachable paths and the summary are computed on first
 * read, so consumers that never look at them pay nothing; `toJSON` includes everything.
 */
class IdentityPrivilege implements AwsIdentityPrivilege {
  readonly identityId: string;
  readonly admin: AdminEvidence | null;
  readonly constrainedAdmin: AdminEvidence | null;
  readonly escalations: EscalationFinding[];
  readonly constrainedEscalations: EscalationFinding[];
  readonly reachesAdmin: ReachablePath | null;
  private reach: { paths: ReachablePath[]; count: number } | undefined;
  private exposures: Partial<Record<ExposureKind, ExposureReport>> = {};
  private summaryValue: ActionsSummary | undefined;

  constructor(
    private readonly p: AwsPrincipal,
    private readonly graph: ReachabilityGraph,
    private readonly oracle: PrivilegeOracle,
    private readonly maxItems: number,
    private readonly maxReachable: number,
    found: Pick<
      AwsIdentityPrivilege,
      'admin' | 'constrainedAdmin' | 'escalations' | 'constrainedEscalations' | 'reachesAdmin'
    >,
  ) {
    this.identityId = p.id;
    this.admin = found.admin;
    this.constrainedAdmin = found.constrainedAdmin;
    this.escalations = found.escalations;
    this.constrainedEscalations = found.constrainedEscalations;
    this.reachesAdmin = found.reachesAdmin;
  }

  get principal(): PrincipalSummary {
    return this.p.summary;
  }

  get permissions(): EffectivePermissions {
    return this.p.permissions;
  }

  get assumableBy(): InboundPrincipal[] {
    return this.graph.inbound(this.p);
  }

  get actionsSummary(): ActionsSummary {
    return (this.summaryValue ??= actionsSummary(this.p));
  }

  private reachOf(): { paths: ReachablePath[]; count: number } {
    return (this.reach ??= this.graph.hasOut(this.p)
      ? this.graph.reachable(this.p, this.maxReachable)
      : { paths: [], count: 0 });
  }

  get reachable(): ReachablePath[] {
    return this.reachOf().paths;
  }

  get reachableCount(): number {
    return this.reachOf().count;
  }

  private exposure(kind: ExposureKind): ExposureReport {
    return (this.exposures[kind] ??= detectExposure(this.p, this.oracle, kind, this.maxItems));
  }

  get credentialExposure(): ExposureReport {
    return this.exposure('credentialExposure');
  }

  get dataExfiltration(): ExposureReport {
    return this.exposure('dataExfiltration');
  }

  get resourceExposure(): ExposureReport {
    return this.exposure('resourceExposure');
  }

  toJSON(): Omit<AwsIdentityPrivilege, 'permissions'> {
    return {
      identityId: this.identityId,
      principal: this.principal,
      admin: this.admin,
      constrainedAdmin: this.constrainedAdmin,
      escalations: this.escalations,
      constrainedEscalations: this.constrainedEscalations,
      credentialExposure: this.credentialExposure,
      dataExfiltration: this.dataExfiltration,
      resourceExposure: this.resourceExposure,
      reachable: this.reachable,
      reachableCount: this.reachableCount,
      reachesAdmin: this.reachesAdmin,
      assumableBy: this.assumableBy,
      actionsSummary: this.actionsSummary,
    };
  }
}

function actionsSummary(p: AwsPrincipal): ActionsSummary {
  return {
    ...summarizeProfile(p.profile),
    unevaluatedPolicies: [...p.unevaluatedPolicies],
    boundaryNotEvaluated: p.boundaryNotEvaluated,
  };
}

/**
 * A path of two or more hops to an admin-equivalent identity (one hop is already a method
 * finding: assume-role, pass-role, credentials, trust or workload).
 */
function chainFinding(
  path: ReachablePath | null,
  escalations: readonly EscalationFinding[],
  constrained: readonly EscalationFinding[],
): { finding: EscalationFinding; constrained: boolean } | null {
  if (!path || path.hops.length < 2) return null;
  const first = path.hops[0];
  if (!first) return null;
  const direct = [...escalations, ...constrained].some((f) => f.reachesAdmin && f.targets.length > 0);
  const route = path.hops.map((h) => `${h.to.name} (${h.methodId})`).join(' -> ');
  return {
    constrained: path.constrained,
    finding: {
      methodId: 'chain-to-admin',
      kind: 'chain',
      title: 'Reaches an admin-equivalent identity through a chain',
      description: `Can become ${route}; the last is admin-equivalent.`,
      references: ['https://github.com/nccgroup/PMapper'],
      confidence: path.confidence,
      targets: [
        {
          kind: 'identity',
          id: path.target.id,
          arn: path.target.arn,
          name: path.target.name,
          gain: { admin: true, count: 0, sample: [] },
          via: first.to,
        },
      ],
      targetCount: 1,
      reachesAdmin: true,
      actions: [],
      ...(path.constrained ? { conditions: path.hops.flatMap((h) => h.conditions ?? []) } : {}),
      notes: [
        `Path: ${path.hops.map((h) => `${h.from.name} -[${h.kind}]-> ${h.to.name}`).join(', ')}`,
        ...(direct ? ['A direct method to an admin-equivalent identity is also reported.'] : []),
      ],
    },
  };
}
