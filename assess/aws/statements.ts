/**
 * Policy statements compiled once per distinct content: the action set expanded against the
 * catalogue (NotAction = the catalogue minus the listed actions), the resource patterns and the
 * condition. Identities that share a managed policy share its compiled statements.
 */
import type { PolicyStatement } from '../../model/inventory';
import { ActionSet } from './action-set';
import type { AwsCatalog } from './catalog';
import type { ConditionBlock } from './conditions';
import {
  coversAllResources,
  hasVariables,
  hasWildcard,
  isBroadResource,
  resourceMatch,
  type VariableContext,
  wildcardMatch,
  wildcardRegex,
} from './patterns';

export interface CompiledStatement {
  /** Small integer, stable for the life of the compiler; used in signatures. */
  readonly id: number;
  readonly effect: 'Allow' | 'Deny';
  readonly notAction: boolean;
  /** Lower-cased Action or NotAction patterns as written. */
  readonly actionPatterns: readonly string[];
  /** Catalogue actions the statement applies to (after NotAction complement). */
  readonly actions: ActionSet;
  /** Literal actions in Action that the catalogue does not know (new or misspelt). */
  readonly unknownActions: readonly string[];
  readonly notResource: boolean;
  /** Resource or NotResource patterns as written. */
  readonly resources: readonly string[];
  /** Resource covers every resource (`*`) and no NotResource. */
  readonly allResources: boolean;
  /** Every resource pattern is broad (a whole type or service), or NotResource. */
  readonly broadResources: boolean;
  readonly usesVariables: boolean;
  readonly condition: ConditionBlock | undefined;
  /** The statement as first seen, kept verbatim as evidence. */
  readonly statement: PolicyStatement;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

function sameList(a: string | string[] | undefined, b: string | string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Equal content, checked element by element: the same managed policy statement arrives once
 * per identity it is attached to, as separate objects after a database round trip.
 */
function sameContent(a: PolicyStatement, b: PolicyStatement): boolean {
  return (
    a.Effect === b.Effect &&
    sameList(a.Action, b.Action) &&
    sameList(a.NotAction, b.NotAction) &&
    sameList(a.Resource, b.Resource) &&
    sameList(a.NotResource, b.NotResource) &&
    (a.Condition === b.Condition || JSON.stringify(a.Condition) === JSON.stringify(b.Condition))
  );
}

/** The content that decides what a statement grants: Sid and Principal do not. */
export function statementKey(s: PolicyStatement): string {
  // Strings and string lists have one JSON form: the native stringify is several times faster than
  // the key-sorting one, which only the Condition object (key order is not meaningful) needs.
  const head = JSON.stringify([
    s.Effect,
    s.Action ?? null,
    s.NotAction ?? null,
    s.Resource ?? null,
    s.NotResource ?? null,
  ]);
  return s.Condition === undefined ? head : `${head}|${stableStringify(s.Condition)}`;
}

export class StatementCompiler {
  private readonly byKey = new Map<string, CompiledStatement>();
  private readonly byRef = new Map<string, { statement: PolicyStatement; compiled: CompiledStatement }>();
  private readonly list: CompiledStatement[] = [];

  constructor(readonly catalog: AwsCatalog) {}

  get size(): number {
    return this.list.length;
  }

  private readonly byArn = new Map<string, { statement: PolicyStatement; compiled: CompiledStatement }[]>();
  private lastArn: string | undefined;
  private lastList: { statement: PolicyStatement; compiled: CompiledStatement }[] | undefined;

  /** Compile statement `index` of the managed policy `arn` (cached by ARN and index, content checked). */
  compileManaged(arn: string, index: number, statement: PolicyStatement): CompiledStatement {
    // Consecutive calls are usually statements of the same policy.
    let list = arn === this.lastArn ? this.lastList : undefined;
    if (!list) {
      list = this.byArn.get(arn);
      if (!list) this.byArn.set(arn, (list = []));
      this.lastArn = arn;
      this.lastList = list;
    }
    const hit = list[index];
    if (hit && (hit.statement === statement || sameContent(hit.statement, statement))) return hit.compiled;
    const compiled = this.compile(statement);
    list[index] = { statement, compiled };
    return compiled;
  }

  /**
   * Compile a statement. `ref` (policy ARN + statement index) lets repeated grants of the same
   * managed policy skip re-reading its content; content still decides identity.
   */
  compile(statement: PolicyStatement, ref?: string): CompiledStatement {
    if (ref) {
      const hit = this.byRef.get(ref);
      if (hit && (hit.statement === statement || sameContent(hit.statement, statement))) return hit.compiled;
    }
    const key = statementKey(statement);
    let compiled = this.byKey.get(key);
    if (!compiled) {
      compiled = this.build(statement);
      this.byKey.set(key, compiled);
      this.list.push(compiled);
    }
    if (ref) this.byRef.set(ref, { statement, compiled });
    return compiled;
  }

  private build(statement: PolicyStatement): CompiledStatement {
    const notAction = statement.NotAction !== undefined && statement.Action === undefined;
    const actionPatterns = asList(notAction ? statement.NotAction : statement.Action).map((a) =>
      a.trim().toLowerCase(),
    );
    let listed = ActionSet.EMPTY;
    const unknownActions: string[] = [];
    for (const p of actionPatterns) {
      const set = this.catalog.expand(p);
      if (set.isEmpty && !notAction && p.includes(':') && !hasWildcard(p)) unknownActions.push(p);
      listed = listed.union(set, this.catalog);
    }
    const actions = notAction ? listed.complement(this.catalog) : listed;
    const notResource = statement.NotResource !== undefined && statement.Resource === undefined;
    // A missing Resource is invalid in identity policies; SCPs may omit it and mean every resource.
    const resources =
      statement.Resource === undefined && statement.NotResource === undefined
        ? ['*']
        : asList(notResource ? statement.NotResource : statement.Resource);
    const condition =
      statement.Condition && Object.keys(statement.Condition).length > 0
        ? (statement.Condition as ConditionBlock)
        : undefined;
    return {
      id: this.list.length,
      effect: statement.Effect,
      notAction,
      actionPatterns,
      actions,
      unknownActions,
      notResource,
      resources,
      allResources: !notResource && resources.some(coversAllResources),
      broadResources: notResource || resources.every(isBroadResource),
      usesVariables: resources.some(hasVariables),
      condition,
      statement,
    };
  }
}

/** Does the statement's Action/NotAction cover this action? Works for actions the catalogue lacks. */
export function statementCoversAction(
  stmt: CompiledStatement,
  catalog: AwsCatalog,
  action: string,
  index: number | undefined,
): boolean {
  if (index !== undefined) return stmt.actions.has(catalog, index);
  const hit = stmt.actionPatterns.some((p) => wildcardMatch(p, action, true));
  return stmt.notAction ? !hit : hit;
}

/** Does the statement's Resource/NotResource cover this ARN for this identity's context? */
export function statementCoversResource(
  stmt: CompiledStatement,
  resource: string,
  context: VariableContext,
): boolean {
  if (stmt.allResources) return true;
  let hit: boolean;
  if (stmt.usesVariables) hit = stmt.resources.some((p) => resourceMatch(p, resource, context));
  else {
    let matchers = resourceMatchers.get(stmt);
    if (!matchers) resourceMatchers.set(stmt, (matchers = stmt.resources.map(compileMatcher)));
    hit = matchers.some((m) => m(resource));
  }
  return stmt.notResource ? !hit : hit;
}

/** Compiled matchers of statements without policy variables (the common case), built once. */
const resourceMatchers = new WeakMap<CompiledStatement, ((resource: string) => boolean)[]>();

function compileMatcher(pattern: string): (resource: string) => boolean {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) return (resource) => resource === pattern;
  const re = wildcardRegex(pattern, false);
  return (resource) => re.test(resource);
}

/** Resource patterns for display: as written, NotResource prefixed with `NOT `. */
export function displayResources(stmt: CompiledStatement): string[] {
  return stmt.notResource ? stmt.resources.map((r) => `NOT ${r}`) : [...stmt.resources];
}
