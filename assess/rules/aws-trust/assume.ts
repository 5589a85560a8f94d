import type { Trust } from '../../../model/inventory';
import { iamGlobMatch } from '../../util/aws-policy';

/** Trust rows that grant sts:AssumeRole (directly or by wildcard). */
export function grantsAssumeRole(trust: Trust): boolean {
  return (
    trust.kind === 'aws-trust-statement' &&
    trust.effect === 'Allow' &&
    trust.actions.some((a) => !a.startsWith('NOT ') && iamGlobMatch(a, 'sts:AssumeRole'))
  );
}
