/** AWS Organizations over JSON 1.1: the account list, for the management or a delegated-admin account. */
import { createHash } from 'node:crypto';
import type { Handler, RequestContext } from '../context';
import { pageOf, pageSize } from '../paging';
import { EmulatorError, jsonResponse, type EmulatorResponse } from '../protocols';
import type { EmulatedOrganization } from '../types';

function organizationId(org: EmulatedOrganization): string {
  return `o-${createHash('sha256').update(org.managementAccountId).digest('hex').slice(0, 10)}`;
}

function organizationFor(ctx: RequestContext): EmulatedOrganization {
  const org = ctx.state.seed.organization;
  const member = org?.accounts.some((a) => a.Id === ctx.caller.account);
  if (!org || !member) {
    throw new EmulatorError(
      400,
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    );
  }
  const allowed =
    ctx.caller.account === org.managementAccountId ||
    (org.delegatedAdministrators ?? []).includes(ctx.caller.account);
  if (!allowed) {
    throw new EmulatorError(
      400,
      'AccessDeniedException',
      "You don't have permissions to access this resource. The account is neither the management account nor a delegated administrator.",
    );
  }
  return org;
}

// A fixed join date: the organization was formed before any of its accounts' data.
const JOINED = Date.parse('2019-03-01T12:00:00Z') / 1000;

function listAccounts(ctx: RequestContext): EmulatorResponse {
  const org = organizationFor(ctx);
  const oid = organizationId(org);
  const accounts = org.accounts.map((a) => ({
    Id: a.Id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${oid}/${a.Id}`,
    Email: a.Email,
    Name: a.Name,
    Status: a.Status,
    State: a.Status === 'SUSPENDED' ? 'SUSPENDED' : a.Status,
    JoinedMethod: a.Id === org.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: JOINED,
  }));
  const page = pageOf(
    accounts,
    ctx.body.NextToken as string | undefined,
    pageSize(ctx.body.MaxResults, 20, 20),
    'InvalidInputException',
  );
  return jsonResponse('json', { Accounts: page.items, ...(page.next ? { NextToken: page.next } : {}) });
}

function describeOrganization(ctx: RequestContext): EmulatorResponse {
  const org = organizationFor(ctx);
  const oid = organizationId(org);
  return jsonResponse('json', {
    Organization: {
      Id: oid,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${oid}`,
      FeatureSet: 'ALL',
      MasterAccountId: org.managementAccountId,
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${oid}/${org.managementAccountId}`,
    },
  });
}

export const ORGANIZATIONS_HANDLERS: Record<string, Handler> = {
  ListAccounts: listAccounts,
  DescribeOrganization: describeOrganization,
};
