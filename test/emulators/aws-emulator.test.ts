/**
 * The AWS emulator speaks the real wire protocols: the real SDK clients page through it, get its
 * errors as the SDK's typed exceptions, and raw HTTP sees the documented XML and JSON shapes. Faults
 * arrive as the services send them.
 */
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { BedrockAgentClient, GetAgentCommand, ListAgentsCommand } from '@aws-sdk/client-bedrock-agent';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePolicyDocument } from '../../collectors/aws';
import {
  derivedAccessKeyId,
  startAwsEmulator,
  type AwsEmulator,
  type AwsEmulatorSeed,
} from '../../collectors/emulators/aws';
import { bulkAccount, CALLER_KEY, FIXTURE_ACCOUNT, fixtureAccount, seedOf } from './helpers/seeds';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let emulator: AwsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(
  seed: AwsEmulatorSeed,
  opts: Parameters<typeof startAwsEmulator>[1] = {},
): Promise<AwsEmulator> {
  emulator = await startAwsEmulator(seed, opts);
  return emulator;
}

function config(emu: AwsEmulator, region = 'us-east-1', maxAttempts = 1) {
  return { region, endpoint: emu.endpoint, credentials: emu.credentials, maxAttempts };
}

/** A signed-looking request without the SDK, to see the raw wire format. */
async function rawQuery(emu: AwsEmulator, service: string, body: string, key = CALLER_KEY) {
  const res = await fetch(emu.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('AWS Query protocol (IAM, STS)', () => {
  it('pages GetAccountAuthorizationDetails with Marker/IsTruncated and URL-encodes policy documents', async () => {
    const account = fixtureAccount();
    const emu = await start(seedOf([account]), { tuning: { maxPageItems: 2 } });
    const iam = new IAMClient(config(emu));
    const roles: string[] = [];
    const documents: unknown[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(
        new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, ...(marker ? { Marker: marker } : {}) }),
      );
      pages += 1;
      for (const r of page.RoleDetailList ?? []) {
        roles.push(r.RoleName ?? '');
        documents.push(r.AssumeRolePolicyDocument);
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const auth = account.authorizationDetails;
    const entities =
      auth.UserDetailList.length +
      auth.GroupDetailList.length +
      auth.RoleDetailList.length +
      auth.Policies.length;
    expect(pages).toBe(Math.ceil(entities / 2));
    expect(roles).toEqual(auth.RoleDetailList.map((r) => r.RoleName));
    // As from IAM: URL-encoded strings that decode to the stored documents.
    for (const [i, doc] of documents.entries()) {
      expect(typeof doc).toBe('string');
      expect(String(doc)).toMatch(/^%7B/);
      const decoded = decodePolicyDocument(doc);
      expect(decoded.ok && decoded.value).toEqual(auth.RoleDetailList[i]?.AssumeRolePolicyDocument);
    }
  });

  it('filters by entity type', async () => {
    const emu = await start(seedOf([fixtureAccount()]));
    const iam = new IAMClient(config(emu));
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(page.RoleDetailList?.length).toBeGreaterThan(0);
    expect(page.UserDetailList).toEqual([]);
    expect(page.Policies).toEqual([]);
  });

  it('answers with the documented XML envelope and error document', async () => {
    const emu = await start(seedOf([fixtureAccount()]), {
      faults: [{ kind: 'access-denied', action: 'iam:ListAccessKeys' }],
    });
    const ok = await rawQuery(emu, 'sts', 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>.*<Account>111122223333<\/Account>.*<\/GetCallerIdentityResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetCallerIdentityResponse>$/,
    );
    const denied = await rawQuery(emu, 'iam', 'Action=ListAccessKeys&Version=2010-05-08&UserName=alice');
    expect(denied.status).toBe(403);
    expect(denied.text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>User: arn:aws:iam::111122223333:user\/auditor is not authorized to perform: iam:ListAccessKeys on resource: \*/,
    );
    const unknown = await rawQuery(emu, 'iam', 'Action=DeleteRole&Version=2010-05-08&RoleName=x');
    expect(unknown.text).toContain('<Code>InvalidAction</Code>');
    const badKey = await rawQuery(
      emu,
      'iam',
      'Action=ListAccessKeys&Version=2010-05-08&UserName=alice',
      'AKIANOTKNOWN00000000',
    );
    expect(badKey.status).toBe(403);
    expect(badKey.text).toContain('<Code>InvalidClientTokenId</Code>');
    const unsigned = await fetch(emu.endpoint, { method: 'POST', body: 'Action=GetCallerIdentity' });
    expect(unsigned.status).toBe(403);
  });

  it('builds the credential report in steps and serves it base64-encoded', async () => {
    const account = fixtureAccount();
    const emu = await start(seedOf([account]), { tuning: { credentialReportDelayMs: 60_000 } });
    const iam = new IAMClient(config(emu));
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotPresentException',
      $metadata: { httpStatusCode: 410 },
    });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotReadyException',
    });
    const state = emu.state.reports.get(FIXTURE_ACCOUNT);
    if (state) state.readyAt = Date.now();
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(Buffer.from(report.Content ?? new Uint8Array()).toString('utf8')).toBe(
      account.credentialReportCsv,
    );
    expect(report.ReportFormat).toBe('text/csv');
  });

  it('derives access keys of report users for ListAccessKeys', async () => {
    const emu = await start(seedOf([fixtureAccount()]));
    const iam = new IAMClient(config(emu));
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'ci-deployer' }));
    const arn = `arn:aws:iam::${FIXTURE_ACCOUNT}:user/ci/ci-deployer`;
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([
      derivedAccessKeyId(arn, 1),
      derivedAccessKeyId(arn, 2),
    ]);
    await expect(iam.send(new ListAccessKeysCommand({ UserName: 'nobody' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('hands out sessions through AssumeRole that act in the role account and need their token', async () => {
    const other = fixtureAccount('222233334444', 'other');
    const emu = await start(
      seedOf([
        fixtureAccount(),
        other,
        { ...fixtureAccount('333344445555', 'optin'), disabledRegions: ['us-east-1'] },
      ]),
    );
    const sts = new STSClient(config(emu));
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222233334444:role/AgentAnchorAudit',
        RoleSessionName: 'agent-anchor-scan',
      }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::222233334444:assumed-role/AgentAnchorAudit/agent-anchor-scan',
    );
    const c = out.Credentials;
    const session = new STSClient({
      ...config(emu),
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      },
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Account).toBe('222233334444');
    const tokenless = new STSClient({
      ...config(emu),
      credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: 'x' },
    });
    await expect(tokenless.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::999999999999:role/AgentAnchorAudit',
          RoleSessionName: 'x1',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::333344445555:role/AgentAnchorAudit',
          RoleSessionName: 'x1',
        }),
      ),
    ).rejects.toMatchObject({ name: 'RegionDisabledException' });
  });
});

describe('JSON 1.1 (Organizations) and REST-JSON (Bedrock, Lambda, Access Analyzer)', () => {
  it('pages ListAccounts by NextToken and refuses accounts that are not the management or delegated admin', async () => {
    const accounts = Array.from({ length: 45 }, (_, i) =>
      fixtureAccount(String(100000000000 + i), `acct-${i}`),
    );
    const emu = await start(seedOf(accounts));
    const org = new OrganizationsClient(config(emu));
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await org.send(new ListAccountsCommand(token ? { NextToken: token } : {}));
      pages += 1;
      ids.push(...(out.Accounts ?? []).map((a) => a.Id ?? ''));
      expect(out.Accounts?.[0]?.JoinedTimestamp).toBeInstanceOf(Date);
      token = out.NextToken;
    } while (token);
    expect(pages).toBe(3);
    expect(ids).toEqual(accounts.map((a) => a.id));

    const member = await startAwsEmulator(
      seedOf(accounts, {
        extra: {
          caller: {
            accessKeyId: CALLER_KEY,
            account: '100000000007',
            arn: 'arn:aws:iam::100000000007:user/x',
          },
        },
      }),
    );
    try {
      await expect(
        new OrganizationsClient(config(member)).send(new ListAccountsCommand({})),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
      });
    } finally {
      await member.close();
    }
  });

  it('answers regional services per signed region, with ISO dates and typed errors', async () => {
    const emu = await start(seedOf([fixtureAccount()]));
    const frankfurt = new BedrockAgentClient(config(emu, 'eu-central-1'));
    const agents = await frankfurt.send(new ListAgentsCommand({}));
    expect(agents.agentSummaries?.map((a) => a.agentName)).toEqual(['support-agent']);
    const agent = await frankfurt.send(
      new GetAgentCommand({ agentId: agents.agentSummaries?.[0]?.agentId ?? '' }),
    );
    expect(agent.agent?.createdAt).toEqual(new Date('2024-09-12T14:05:00.123Z'));
    expect(
      (await new BedrockAgentClient(config(emu, 'eu-west-1')).send(new ListAgentsCommand({}))).agentSummaries,
    ).toEqual([]);
    await expect(
      new BedrockAgentClient(config(emu, 'ap-south-1')).send(new ListAgentsCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(
      new BedrockAgentClient(config(emu, 'eu-central-1')).send(new GetAgentCommand({ agentId: 'NOPE' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    expect(
      (await new AccessAnalyzerClient(config(emu)).send(new ListAnalyzersCommand({}))).analyzers,
    ).toEqual([]);
  });

  it('pages ListFunctions by Marker, 50 at most', async () => {
    const emu = await start(seedOf([bulkAccount('444455556666', { roles: 3, users: 0, functions: 120 })]));
    const lambda = new LambdaClient(config(emu));
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await lambda.send(
        new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }),
      );
      pages += 1;
      names.push(...(out.Functions ?? []).map((f) => f.FunctionName ?? ''));
      marker = out.NextMarker;
    } while (marker);
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(120);
  });
});

describe('fault injection and the request log', () => {
  it('records every request, faulted or not, with service, action, account and region', async () => {
    const emu = await start(seedOf([fixtureAccount()]), {
      faults: [{ kind: 'throttle', action: 'sts:*', times: 1 }],
    });
    const sts = new STSClient(config(emu, 'eu-west-1'));
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    await sts.send(new GetCallerIdentityCommand({}));
    expect(emu.requests.map((r) => [r.service, r.action, r.account, r.region, r.status])).toEqual([
      ['sts', 'GetCallerIdentity', FIXTURE_ACCOUNT, 'eu-west-1', 400],
      ['sts', 'GetCallerIdentity', FIXTURE_ACCOUNT, 'eu-west-1', 200],
    ]);
  });

  it('throttles, denies, fails with 5xx per protocol; the SDK retries the transient ones', async () => {
    const emu = await start(seedOf([fixtureAccount()]), {
      faults: [
        { kind: 'throttle', action: 'lambda:ListFunctions', times: 2 },
        { kind: 'server-error', action: 'organizations:ListAccounts', times: 1 },
        { kind: 'access-denied', action: 'bedrock-agent:ListAgents' },
      ],
    });
    const lambda = await new LambdaClient(config(emu, 'eu-west-1', 3)).send(new ListFunctionsCommand({}));
    expect(lambda.$metadata.attempts).toBe(3);
    expect(lambda.Functions?.length).toBe(1);
    const orgs = await new OrganizationsClient(config(emu, 'us-east-1', 2)).send(new ListAccountsCommand({}));
    expect(orgs.$metadata.attempts).toBe(2);
    await expect(
      new BedrockAgentClient(config(emu, 'eu-central-1', 3)).send(new ListAgentsCommand({})),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    const statuses = emu.requests.map((r) => `${r.action}:${r.status}`);
    expect(statuses).toEqual([
      'ListFunctions:429',
      'ListFunctions:429',
      'ListFunctions:200',
      'ListAccounts:500',
      'ListAccounts:200',
      'ListAgents:403',
    ]);
  });

  it('drops a connection mid-request; the SDK sees a network error and its retry gets through', async () => {
    const emu = await start(seedOf([fixtureAccount()]), {
      faults: [{ kind: 'drop', action: 'iam:GetAccountAuthorizationDetails', times: 1 }],
    });
    await expect(
      new IAMClient(config(emu)).send(new GetAccountAuthorizationDetailsCommand({})),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    const retried = await new IAMClient(config(emu, 'us-east-1', 2)).send(
      new GetAccountAuthorizationDetailsCommand({}),
    );
    expect(retried.RoleDetailList?.length).toBeGreaterThan(0);
    expect(emu.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('adds latency to every response and more to slow ones', async () => {
    const emu = await start(seedOf([fixtureAccount()]), {
      latencyMs: 40,
      faults: [{ kind: 'slow', action: 'sts:GetCallerIdentity', delayMs: 150 }],
    });
    const sts = new STSClient(config(emu));
    const t0 = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(185);
  });

  it('applies chance-based faults the same way on every run with one seed', async () => {
    const outcomes: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const emu = await startAwsEmulator(seedOf([fixtureAccount()]), {
        faultSeed: 7,
        faults: [{ kind: 'throttle', probability: 0.5 }],
      });
      try {
        const sts = new STSClient(config(emu));
        for (let i = 0; i < 12; i++) await sts.send(new GetCallerIdentityCommand({})).catch(() => undefined);
        outcomes.push(emu.requests.map((r) => r.status));
      } finally {
        await emu.close();
      }
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toContain(400);
    expect(outcomes[0]).toContain(200);
  });
});
