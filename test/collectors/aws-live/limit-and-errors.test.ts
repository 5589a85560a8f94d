/** The concurrency limit, and how SDK errors become messages a consultant can act on. */
import { describe, expect, it } from 'vitest';
import {
  classifyAwsError,
  createLimiter,
  partitionOfRegion,
  regionalServices,
  ScanCancelledError,
} from '../../../collectors/aws/live';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most N tasks at once, in order, and never starts a task after cancellation', async () => {
    const limit = createLimiter(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const controller = new AbortController();
    const runs = gates.map((g, i) =>
      limit(async () => {
        started.push(i);
        await g.promise;
        return i;
      }, controller.signal),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.pending]).toEqual([2, 3]);
    gates[0]?.resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    controller.abort();
    gates[1]?.resolve();
    gates[2]?.resolve();
    await expect(runs[3]).rejects.toBeInstanceOf(ScanCancelledError);
    await expect(runs[4]).rejects.toBeInstanceOf(ScanCancelledError);
    expect(await runs[2]).toBe(2);
    expect(started).toEqual([0, 1, 2]);
    expect([limit.active, limit.pending]).toEqual([0, 0]);
  });
});

describe('classifyAwsError', () => {
  const site = {
    service: 'access-analyzer' as const,
    operation: 'ListFindingsV2',
    account: '111111111111',
    region: 'eu-west-1',
  };

  it('names the IAM action that authorizes the operation, not the operation', () => {
    const e = classifyAwsError(
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403, attempts: 1 } },
      site,
    );
    expect(e.kind).toBe('denied');
    expect(e.message).toBe('access-analyzer:ListFindings denied in account 111111111111 (eu-west-1)');
  });

  it('tells throttling, server errors, network errors and disabled regions apart', () => {
    const iam = {
      service: 'iam' as const,
      operation: 'GetAccountAuthorizationDetails',
      account: '111111111111',
    };
    expect(
      classifyAwsError({ name: 'Throttling', $metadata: { httpStatusCode: 400, attempts: 8 } }, iam).message,
    ).toBe(
      'iam:GetAccountAuthorizationDetails in account 111111111111: throttled by AWS (Throttling) after 8 attempts',
    );
    expect(
      classifyAwsError(
        { name: 'ServiceFailureException', $metadata: { httpStatusCode: 500, attempts: 3 } },
        iam,
      ).kind,
    ).toBe('server');
    expect(
      classifyAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), iam).kind,
    ).toBe('network');
    expect(
      classifyAwsError({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } }, site)
        .kind,
    ).toBe('region-disabled');
    // Without a region the same code means the credentials are bad.
    expect(
      classifyAwsError({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } }, iam).kind,
    ).toBe('credentials');
    expect(classifyAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }), iam).kind).toBe(
      'cancelled',
    );
  });
});

describe('partitions', () => {
  it('tells the partition from the region and keeps the AI region lists per partition', () => {
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
    expect(regionalServices('aws-cn').bedrockAgents).toEqual([]);
    expect(regionalServices('aws', ['us-east-1', 'us-east-1']).lambda).toEqual(['us-east-1']);
  });
});
