/**
 * AWS effective privilege, escalation paths and reachability (pure: inventory in, results out).
 *
 *   const catalog = await loadAwsCatalog();          // once per process
 *   const analysis = analyzeAwsPrivilege(inventory, { scps });
 *   const r = analysis.byIdentity.get(identityId);   // admin, escalations, exposures, reachable
 *   r.permissions.can('iam:PassRole', roleArn);
 */
export { analyzeAwsPrivilege } from './analyze';
export type { AnalyzeAwsOptions, AwsIdentityPrivilege, AwsPrivilegeAnalysis } from './analyze';
export { ACCESS_LEVELS, AwsCatalog, loadAwsCatalog, loadedAwsCatalog, parseAccessLevels } from './catalog';
export type { AccessLevel, CatalogActionInput } from './catalog';
export { describeCondition } from './conditions';
export type { ConditionBlock } from './conditions';
export { EffectivePermissions } from './evaluate';
export type { Decision, DecisionResult } from './evaluate';
export { ESCALATION_METHODS, escalationMethod } from './escalation-methods';
export type { EscalationMethod, MethodKind } from './escalation-methods';
export { ReachabilityGraph } from './reachability';
export type * from './types';
