/**
 * Moved to collectors/import/zod-issues.ts (shared by the AWS and Entra importers). This re-export
 * remains only for collectors/aws/live/account-context.ts, which is being edited elsewhere; point
 * that import at '../../import/zod-issues' and delete this file.
 */
export { describeIssues } from '../import/zod-issues';
