/** Explainable per-identity scores (docs/scoring.md) and the complete assessment pipeline. */
export { FACTOR_BY_AREA, FACTOR_BY_RULE, factorOf } from './factors';
export { SCORE_CAP, scoreIdentities, scoreIdentity, type Reach } from './identity-score';
export {
  assessWithScores,
  parseEngagementSettings,
  type FullAssessment,
  type FullAssessOptions,
} from './full-assessment';
