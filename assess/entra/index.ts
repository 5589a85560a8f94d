export { analyzeEntraPrivilege, ownersOf, gaPathMethod } from './paths';
export type { EntraPrivilege, EntraPrivilegeAnalysis, GaPath, GaPathMethod, OwnerPath } from './paths';
export * from './tiers';
