/**
 * The AWS side of an inventory, indexed for the analysis: each identity with its compiled
 * statements (identity policies, boundary, SCPs), its shared profile, its groups and attached
 * customer managed policies; roles by the services they trust; groups with their policies.
 */
import type {
  AwsPolicyGrant,
  Grant,
  Identity,
  Inventory,
  PolicyStatement,
  Trust,
  Workload,
} from '../../model/inventory';
import type { AwsCatalog } from './catalog';
import {
  addEvidence,
  EffectivePermissions,
  emptyEvidenceIndex,
  type EvidenceIndex,
  type Profile,
  ProfileFactory,
} from './evaluate';
import managedDocs from '../data/aws-managed-policy-documents.json';
import { substituteVariables, type VariableContext } from './patterns';
import { type CompiledStatement, StatementCompiler } from './statements';
import type { PrincipalSummary, StatementEvidence, StatementLayer } from './types';

/** Where one compiled statement of a principal came from; turned into evidence on demand. */
interface SourceRecord {
  layer: StatementLayer;
  stmt: CompiledStatement;
  grantId: string;
  policyName: string;
  policyArn?: string;
  policyType?: 'inline' | 'managed';
  attachedVia?: string;
  statementIndex?: number;
  statement: PolicyStatement;
}

export class AwsPrincipal {
  readonly id: string;
  readonly arn: string;
  readonly arnLower: string;
  readonly name: string;
  readonly kind: Identity['kind'];
  readonly account: string;
  readonly isRoot: boolean;
  /** Profile id + account: identities with the same key get the same account-scoped results. */
  readonly shareKey: string;
  /** Position in the index's principal list (for array-backed graph searches). */
  ordinal = -1;
  private contextValue: VariableContext | undefined;
  private evidenceValue: EvidenceIndex | undefined;
  private permissionsValue: EffectivePermissions | undefined;
  private summaryValue: PrincipalSummary | undefined;

  constructor(
    readonly identity: Identity,
    readonly identityStatements: readonly CompiledStatement[],
    readonly boundaryStatements: readonly CompiledStatement[] | null,
    readonly profile: Profile,
    private readonly sourcesOf: () => readonly SourceRecord[],
    private readonly scpEvidence: ReadonlyMap<number, StatementEvidence[]> | undefined,
    /** Group names (users), from inherited grants and `attributes.groups`. */
    readonly groups: readonly string[],
    /** Customer managed policy ARNs attached directly or through a group. */
    readonly attachedPolicyArns: readonly string[],
    readonly unevaluatedPolicies: readonly string[],
    readonly boundaryNotEvaluated: boolean,
    readonly trusts: readonly Trust[],
    context: VariableContext | undefined,
  ) {
    this.id = identity.id;
    this.arn = identity.nativeId;
    this.arnLower = identity.nativeId.toLowerCase();
    this.name = identity.name;
    this.kind = identity.kind;
    this.account = identity.account;
    this.isRoot = identity.kind === 'aws-root';
    this.shareKey = `${profile.id}|${identity.account}`;
    this.contextValue = context;
  }

  get context(): VariableContext {
    return (this.contextValue ??= contextFor(this.identity));
  }

  get summary(): PrincipalSummary {
    return (this.summaryValue ??= {
      id: this.id,
      arn: this.arn,
      name: this.name,
      kind: this.kind,
      account: this.account,
    });
  }

  /** Evidence per compiled statement and layer, built on first use. */
  get evidence(): EvidenceIndex {
    if (!this.evidenceValue) {
      const index = emptyEvidenceIndex();
      for (const r of this.sourcesOf()) {
        const e: StatementEvidence = {
          layer: r.layer,
          grantId: r.grantId,
          policyName: r.policyName,
          statement: r.statement,
        };
        if (r.policyArn !== undefined) e.policyArn = r.policyArn;
        if (r.policyType !== undefined) e.policyType = r.policyType;
        if (r.attachedVia !== undefined) e.attachedVia = r.attachedVia;
        if (r.statementIndex !== undefined) e.statementIndex = r.statementIndex;
        addEvidence(index, r.stmt, e);
      }
      if (this.scpEvidence) for (const [id, list] of this.scpEvidence) index.scp.set(id, list);
      this.evidenceValue = index;
    }
    return this.evidenceValue;
  }

  get permissions(): EffectivePermissions {
    return (this.permissionsValue ??= new EffectivePermissions(
      this.profile,
      this.context,
      () => this.evidence,
    ));
  }
}

export interface AwsGroup {
  readonly account: string;
  readonly name: string;
  readonly arn: string;
  readonly statements: readonly CompiledStatement[];
  readonly evidence: readonly StatementEvidence[];
  readonly members: AwsPrincipal[];
}

type ScpInput = Record<string, readonly PolicyStatement[]>;

const ROOT_STATEMENT: PolicyStatement = { Effect: 'Allow', Action: '*', Resource: '*' };

const MANAGED_DOCS = managedDocs.policies as Record<string, { Statement: PolicyStatement[] }>;

export function knownManagedPolicy(arn: string): readonly PolicyStatement[] | undefined {
  return MANAGED_DOCS[arn]?.Statement;
}

function isCustomerManagedPolicy(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::\d{12}:policy\//.test(arn);
}

function groupArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:group/${name}`;
}

/** The boundary ARN an identity declares in its attributes, as the collectors store it. */
function declaredBoundary(identity: Identity): string | undefined {
  for (const [key, value] of Object.entries(identity.attributes)) {
    if (!/permissionsboundary/i.test(key)) continue;
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const arn = value.PermissionsBoundaryArn ?? value.permissionsBoundaryArn ?? value.arn;
      if (typeof arn === 'string') return arn;
    }
  }
  return undefined;
}

function declaredGroups(identity: Identity): string[] {
  const raw = identity.attributes.groups ?? identity.attributes.GroupList;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((g) => {
    if (typeof g === 'string') return [g.includes(':group/') ? g.slice(g.lastIndexOf('/') + 1) : g];
    if (g && typeof g === 'object' && !Array.isArray(g) && typeof g.GroupName === 'string')
      return [g.GroupName];
    return [];
  });
}

function contextFor(identity: Identity): VariableContext {
  const values = new Map<string, string>();
  values.set('aws:principalaccount', identity.account);
  values.set('aws:principalarn', identity.nativeId);
  if (identity.kind === 'aws-user') {
    values.set('aws:username', identity.name);
    values.set('aws:principaltype', 'User');
  } else if (identity.kind === 'aws-role') values.set('aws:principaltype', 'AssumedRole');
  for (const [k, v] of Object.entries(identity.tags)) values.set(`aws:principaltag/${k.toLowerCase()}`, v);
  return { values };
}

/** A statement whose every resource pattern uses a variable the identity lacks grants it nothing. */
function appliesTo(stmt: CompiledStatement, context: VariableContext): boolean {
  if (!stmt.usesVariables) return true;
  return stmt.resources.some((r) => substituteVariables(r, context) !== undefined);
}

export class AwsInventoryIndex {
  readonly compiler: StatementCompiler;
  readonly factory: ProfileFactory;
  readonly principals: AwsPrincipal[] = [];
  readonly byId = new Map<string, AwsPrincipal>();
  readonly byArn = new Map<string, AwsPrincipal>();
  readonly byAccount = new Map<string, AwsPrincipal[]>();
  readonly groups = new Map<string, AwsGroup>();
  readonly workloads: readonly Workload[];
  private readonly serviceTrust = new Map<string, AwsPrincipal[]>();
  private readonly scpByAccount = new Map<string, { key: string; statements: CompiledStatement[] }>();
  private readonly scpEvidence = new Map<string, Map<number, StatementEvidence[]>>();
  private readonly customerManaged = new Map<string, boolean>();

  constructor(
    readonly catalog: AwsCatalog,
    inventory: Inventory,
    scps: ScpInput = {},
  ) {
    this.compiler = new StatementCompiler(catalog);
    this.factory = new ProfileFactory(catalog);
    this.workloads = inventory.workloads.filter((w) => w.provider === 'aws');
    for (const [account, statements] of Object.entries(scps)) this.addScps(account, statements);

    const grantsBy = new Map<string, Grant[]>();
    // Grants of one identity usually come together: reuse the last list while the id repeats.
    let lastId: string | undefined;
    let lastList: Grant[] | undefined;
    for (const g of inventory.grants) {
      if (
        g.kind !== 'aws-policy-statement' &&
        g.kind !== 'aws-permissions-boundary' &&
        g.kind !== 'aws-managed-policy-ref'
      )
        continue;
      if (g.identityId !== lastId || !lastList) {
        lastId = g.identityId;
        lastList = grantsBy.get(lastId);
        if (!lastList) grantsBy.set(lastId, (lastList = []));
      }
      lastList.push(g);
    }
    const trustsBy = new Map<string, Trust[]>();
    for (const t of inventory.trusts) {
      if (t.kind !== 'aws-trust-statement') continue;
      const list = trustsBy.get(t.identityId);
      if (list) list.push(t);
      else trustsBy.set(t.identityId, [t]);
    }
    for (const identity of inventory.identities) {
      if (identity.provider !== 'aws') continue;
      if (identity.kind !== 'aws-role' && identity.kind !== 'aws-user' && identity.kind !== 'aws-root')
        continue;
      const p = this.buildPrincipal(
        identity,
        grantsBy.get(identity.id) ?? [],
        trustsBy.get(identity.id) ?? [],
      );
      p.ordinal = this.principals.length;
      this.principals.push(p);
      this.byId.set(p.id, p);
      this.byArn.set(p.arnLower, p);
      const list = this.byAccount.get(p.account);
      if (list) list.push(p);
      else this.byAccount.set(p.account, [p]);
    }
    this.indexServiceTrust();
  }

  private addScps(account: string, statements: readonly PolicyStatement[]): void {
    const compiled: CompiledStatement[] = [];
    const evidence = new Map<number, StatementEvidence[]>();
    statements.forEach((statement, i) => {
      const stmt = this.compiler.compile(statement);
      compiled.push(stmt);
      const e: StatementEvidence = {
        layer: 'scp',
        grantId: `scp:${account}#${i}`,
        policyName: 'Service control policies',
        statementIndex: i,
        statement,
      };
      const list = evidence.get(stmt.id);
      if (list) list.push(e);
      else evidence.set(stmt.id, [e]);
    });
    const key = [...new Set(compiled.map((s) => s.id))].sort((a, b) => a - b).join(',');
    this.scpByAccount.set(account, { key: `scp:${key}`, statements: compiled });
    this.scpEvidence.set(account, evidence);
  }

  /** A statement of a grant as compiled (cached: cheap to call again when evidence is built). */
  private compileGrant(g: AwsPolicyGrant): CompiledStatement {
    return g.policyArn
      ? this.compiler.compileManaged(g.policyArn, g.statementIndex, g.statement)
      : this.compiler.compile(g.statement);
  }

  private isCustomerManaged(arn: string): boolean {
    let known = this.customerManaged.get(arn);
    if (known === undefined) this.customerManaged.set(arn, (known = isCustomerManagedPolicy(arn)));
    return known;
  }

  private buildPrincipal(identity: Identity, grants: readonly Grant[], trusts: Trust[]): AwsPrincipal {
    let context: VariableContext | undefined;
    const identityStatements: CompiledStatement[] = [];
    const boundaryStatements: CompiledStatement[] = [];
    let extra: SourceRecord[] | undefined;
    let groups: Set<string> | undefined;
    const declared = declaredGroups(identity);
    if (declared.length > 0) groups = new Set(declared);
    let attached: Set<string> | undefined;
    const unevaluated: string[] = [];
    const applies = (stmt: CompiledStatement) =>
      !stmt.usesVariables || appliesTo(stmt, (context ??= contextFor(identity)));
    const addExtra = (r: Omit<SourceRecord, 'stmt'>) => {
      const stmt = this.compiler.compile(r.statement);
      if (!applies(stmt)) return;
      (r.layer === 'boundary' ? boundaryStatements : identityStatements).push(stmt);
      (extra ??= []).push({ ...r, stmt });
    };

    if (identity.kind === 'aws-root') {
      // The root user is not subject to IAM policies; only SCPs (member accounts) limit it.
      addExtra({
        layer: 'identity',
        grantId: `${identity.id}#root`,
        policyName: 'root user (not subject to IAM policies)',
        statement: ROOT_STATEMENT,
      });
    }
    let hasBoundaryGrant = false;
    let lastArn: string | undefined;
    for (const g of grants) {
      if (g.kind === 'aws-policy-statement' || g.kind === 'aws-permissions-boundary') {
        const boundary = g.kind === 'aws-permissions-boundary';
        if (boundary) hasBoundaryGrant = true;
        else {
          if (g.attachedVia) (groups ??= new Set()).add(g.attachedVia);
          // Statements of one policy come together: look the ARN up once per run.
          if (g.policyArn && g.policyArn !== lastArn) {
            lastArn = g.policyArn;
            if (this.isCustomerManaged(g.policyArn)) (attached ??= new Set()).add(g.policyArn);
          }
        }
        const stmt = this.compileGrant(g);
        if (applies(stmt)) (boundary ? boundaryStatements : identityStatements).push(stmt);
      } else if (g.kind === 'aws-managed-policy-ref') {
        if (g.attachedVia) (groups ??= new Set()).add(g.attachedVia);
        if (this.isCustomerManaged(g.policyArn)) (attached ??= new Set()).add(g.policyArn);
        const doc = knownManagedPolicy(g.policyArn);
        if (!doc) {
          unevaluated.push(g.policyArn);
          continue;
        }
        doc.forEach((statement, i) => {
          const stmt = this.compiler.compileManaged(g.policyArn, i, statement);
          if (applies(stmt)) identityStatements.push(stmt);
        });
      }
    }
    const declaredArn = declaredBoundary(identity);
    let boundaryNotEvaluated = false;
    if (declaredArn && !hasBoundaryGrant) {
      const doc = knownManagedPolicy(declaredArn);
      if (doc) {
        hasBoundaryGrant = true;
        doc.forEach((statement, i) =>
          addExtra({
            layer: 'boundary',
            statement,
            grantId: `${identity.id}#boundary`,
            policyName: declaredArn.slice(declaredArn.lastIndexOf('/') + 1),
            policyArn: declaredArn,
            policyType: 'managed',
            statementIndex: i,
          }),
        );
      } else boundaryNotEvaluated = true;
    }
    const scp = this.scpByAccount.get(identity.account) ?? null;
    // A boundary grant whose statements all failed to apply still bounds the identity (to nothing).
    const boundary = hasBoundaryGrant ? boundaryStatements : null;
    const profile = this.factory.get(identityStatements, boundary, scp);
    return new AwsPrincipal(
      identity,
      identityStatements,
      boundary,
      profile,
      () => this.sourcesOf(grants, extra ?? []),
      this.scpEvidence.get(identity.account),
      groups ? [...groups] : [],
      attached ? [...attached] : [],
      unevaluated,
      boundaryNotEvaluated,
      trusts,
      context,
    );
  }

  /** Evidence records for a principal's grants, built when its evidence is first needed. */
  private sourcesOf(grants: readonly Grant[], extra: readonly SourceRecord[]): SourceRecord[] {
    const out: SourceRecord[] = [...extra];
    for (const g of grants) {
      if (g.kind === 'aws-policy-statement' || g.kind === 'aws-permissions-boundary') {
        const r: SourceRecord = {
          layer: g.kind === 'aws-permissions-boundary' ? 'boundary' : 'identity',
          stmt: this.compileGrant(g),
          grantId: g.id,
          policyName: g.policyName,
          policyType: g.policyType,
          statementIndex: g.statementIndex,
          statement: g.statement,
        };
        if (g.policyArn) r.policyArn = g.policyArn;
        if (g.attachedVia) r.attachedVia = g.attachedVia;
        out.push(r);
      } else if (g.kind === 'aws-managed-policy-ref') {
        knownManagedPolicy(g.policyArn)?.forEach((statement, i) => {
          const r: SourceRecord = {
            layer: 'identity',
            stmt: this.compiler.compileManaged(g.policyArn, i, statement),
            grantId: g.id,
            policyName: g.policyName,
            policyArn: g.policyArn,
            policyType: 'managed',
            statementIndex: i,
            statement,
          };
          if (g.attachedVia) r.attachedVia = g.attachedVia;
          out.push(r);
        });
      }
    }
    return out;
  }

  private indexServiceTrust(): void {
    for (const p of this.principals) {
      if (p.kind !== 'aws-role') continue;
      const denied = new Set(
        p.trusts
          .filter((t) => t.effect === 'Deny')
          .map((t) => `${t.principalType}|${t.principal.toLowerCase()}`),
      );
      for (const t of p.trusts) {
        if (t.effect !== 'Allow' || (t.principalType !== 'Service' && t.principalType !== 'Federated'))
          continue;
        if (denied.has(`${t.principalType}|${t.principal.toLowerCase()}`)) continue;
        if (!t.actions.some((a) => /^(sts:\*|\*|sts:assumerole.*)$/i.test(a))) continue;
        const key = `${p.account}|${t.principal.toLowerCase()}`;
        const list = this.serviceTrust.get(key);
        if (!list) this.serviceTrust.set(key, [p]);
        else if (!list.includes(p)) list.push(p);
      }
    }
    for (const p of this.principals)
      if (p.kind === 'aws-user') for (const name of p.groups) this.noteGroupMember(p, name);
  }

  private noteGroupMember(p: AwsPrincipal, name: string): void {
    if (p.kind !== 'aws-user') return;
    const key = `${p.account}|${name.toLowerCase()}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        account: p.account,
        name,
        arn: groupArn(p.account, name),
        statements: [],
        evidence: [],
        members: [],
      };
      this.groups.set(key, group);
    }
    if (group.members.includes(p)) return;
    group.members.push(p);
    // Every member carries the group's statements as inherited grants; collect them once.
    if (group.statements.length === 0) {
      const stmts = group.statements as CompiledStatement[];
      const ev = group.evidence as StatementEvidence[];
      for (const [id, list] of p.evidence.identity) {
        const fromGroup = list.filter((e) => e.attachedVia?.toLowerCase() === name.toLowerCase());
        if (fromGroup.length === 0) continue;
        const stmt = p.identityStatements.find((s) => s.id === id);
        if (stmt) stmts.push(stmt);
        ev.push(...fromGroup);
      }
    }
  }

  /** Roles of the account whose trust policy admits the service (or federated) principal. */
  rolesTrusting(account: string, principal: string): readonly AwsPrincipal[] {
    return this.serviceTrust.get(`${account}|${principal.toLowerCase()}`) ?? [];
  }

  accountPrincipals(account: string): readonly AwsPrincipal[] {
    return this.byAccount.get(account) ?? [];
  }

  /** The profile the principal would have with `extra` identity statements (e.g. after joining a group). */
  profileWith(p: AwsPrincipal, extra: readonly CompiledStatement[]): Profile {
    return this.factory.get(
      [...p.identityStatements, ...extra],
      p.boundaryStatements,
      this.scpByAccount.get(p.account) ?? null,
    );
  }

  /** The profile without its permissions boundary (what removing the boundary would give). */
  profileWithoutBoundary(p: AwsPrincipal): Profile {
    return this.factory.get(p.identityStatements, null, this.scpByAccount.get(p.account) ?? null);
  }

  /** The principal that runs a workload, when it is in the inventory. */
  workloadRole(w: Workload): AwsPrincipal | undefined {
    if (w.identityId) {
      const p = this.byId.get(w.identityId);
      if (p) return p;
    }
    return w.roleArn ? this.byArn.get(w.roleArn.toLowerCase()) : undefined;
  }
}
