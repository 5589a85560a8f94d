/** STS over the Query protocol: who am I, and sessions in other accounts through AssumeRole. */
import { randomBytes } from 'node:crypto';
import type { Handler, RequestContext } from '../context';
import {
  accessDenied,
  EmulatorError,
  queryResponse,
  regionDisabled,
  type EmulatorResponse,
} from '../protocols';

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;

function getCallerIdentity(ctx: RequestContext): EmulatorResponse {
  const arn = ctx.caller.arn;
  const userId = arn.includes(':assumed-role/')
    ? `AROA${ctx.caller.accessKeyId.slice(4, 20)}:${arn.slice(arn.lastIndexOf('/') + 1)}`
    : `AIDA${ctx.caller.accessKeyId.slice(4, 20)}`;
  return queryResponse('sts', 'GetCallerIdentity', { UserId: userId, Account: ctx.caller.account, Arn: arn });
}

function assumeRole(ctx: RequestContext): EmulatorResponse {
  const roleArn = ctx.params.get('RoleArn') ?? '';
  const sessionName = ctx.params.get('RoleSessionName') ?? '';
  const match = ROLE_ARN.exec(roleArn);
  if (!match || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new EmulatorError(
      400,
      'ValidationError',
      'RoleArn must be a role ARN and RoleSessionName 2-64 characters of [\\w+=,.@-]',
    );
  }
  const [, partition = 'aws', accountId = '', roleName = ''] = match;
  const seed = ctx.state.seed;
  const target = ctx.state.accounts.get(accountId);
  if (target?.data.disabledRegions?.includes(ctx.region)) throw regionDisabled('sts', accountId, ctx.region);
  const exists =
    target !== undefined && (target.roleNames.has(roleName) || ctx.state.assumableRoles.has(roleName));
  if (!exists) throw accessDenied('sts', ctx.caller.arn, 'sts:AssumeRole', roleArn);
  if (seed.externalId !== undefined && ctx.params.get('ExternalId') !== seed.externalId) {
    throw accessDenied('sts', ctx.caller.arn, 'sts:AssumeRole', roleArn);
  }
  const duration = Number(ctx.params.get('DurationSeconds') ?? 3600);
  const assumedArn = `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  const session = ctx.state.newSession(accountId, assumedArn, Number.isFinite(duration) ? duration : 3600);
  return queryResponse('sts', 'AssumeRole', {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      // A fake secret: the emulator never checks signatures.
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt).toISOString(),
    },
    AssumedRoleUser: {
      AssumedRoleId: `AROA${session.accessKeyId.slice(4, 20)}:${sessionName}`,
      Arn: assumedArn,
    },
  });
}

export const STS_HANDLERS: Record<string, Handler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};
