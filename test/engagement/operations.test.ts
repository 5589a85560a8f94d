import { describe, expect, it } from 'vitest';
import { OperationRegistry, parseAwsDetail, sourceOfPhase } from '../../engagement/operations';

describe('progress events', () => {
  it('names the source of each scan phase', () => {
    expect(sourceOfPhase('scan demo authorization-details')).toEqual({
      key: 'demo-aws',
      label: 'Demo organization: AWS',
      subPhase: 'authorization-details',
    });
    expect(sourceOfPhase('scan demo entra')).toMatchObject({ key: 'demo-entra' });
    expect(sourceOfPhase('scan aws credential-report')).toMatchObject({
      key: 'aws',
      subPhase: 'credential-report',
    });
    expect(sourceOfPhase('scan entra')).toMatchObject({ key: 'entra' });
    expect(sourceOfPhase('store identities')).toMatchObject({ key: 'store' });
    expect(sourceOfPhase('assess')).toMatchObject({ key: 'assess', label: 'Assessment' });
  });

  it('reads the account, phase, region and count of AWS details', () => {
    expect(parseAwsDetail('415927215481 eu-west-1 12', 'bedrock-agents')).toEqual({
      account: '415927215481',
      phase: 'bedrock-agents',
      region: 'eu-west-1',
      count: 12,
    });
    expect(parseAwsDetail('415927215481 authorization-details 101', undefined)).toEqual({
      account: '415927215481',
      phase: 'authorization-details',
      count: 101,
    });
    expect(parseAwsDetail('v1.0/servicePrincipals', undefined)).toBeUndefined();
    expect(parseAwsDetail('', 'identify')).toBeUndefined();
  });
});

describe('OperationRegistry', () => {
  it('returns the id at once and folds events into one row per source and account', async () => {
    const registry = new OperationRegistry();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const id = registry.start('scan', 'Scan of AWS', async (ctx) => {
      ctx.progress({ phase: 'scan aws assume-role', detail: '111122223333', done: 0, total: 2 });
      ctx.progress({ phase: 'scan aws authorization-details', detail: '111122223333 40', done: 0, total: 2 });
      ctx.progress({ phase: 'scan aws authorization-details', detail: '444455556666 7', done: 0, total: 2 });
      ctx.progress({ phase: 'scan aws account-done', detail: '111122223333', done: 1, total: 2 });
      ctx.progress({ phase: 'scan aws account-failed', detail: '444455556666', done: 2, total: 2 });
      await gate;
      return { scanId: 3, scanStatus: 'partial' };
    });
    expect(registry.get(id).status).toBe('running');
    expect(registry.running()).toEqual([id]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const running = registry.get(id);
    expect(running.sources).toHaveLength(1);
    expect(running.sources[0]).toMatchObject({ key: 'aws', events: 5, done: 2, total: 2 });
    expect(running.sources[0]?.accounts).toEqual([
      { account: '111122223333', phase: 'authorization-details', count: 40, state: 'done' },
      { account: '444455556666', phase: 'authorization-details', count: 7, state: 'failed' },
    ]);
    // A snapshot is a copy: later events do not change it.
    running.sources.length = 0;
    expect(registry.get(id).sources).toHaveLength(1);
    release();
    const done = await registry.settled(id);
    expect(done).toMatchObject({ status: 'succeeded', result: { scanId: 3, scanStatus: 'partial' } });
    expect(done.finishedAt).toBeDefined();
    expect(registry.running()).toEqual([]);
  });

  it('cancels through the signal, and records a failure with its reason', async () => {
    const registry = new OperationRegistry();
    const cancelled = registry.start('scan', 'Long scan', async (ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      return { scanId: 4 };
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    registry.cancel(cancelled);
    expect((await registry.settled(cancelled)).status).toBe('cancelled');

    const failed = registry.start('export', 'PDF', async () => {
      throw new Error('no Chromium found: install chromium');
    });
    expect(await registry.settled(failed)).toMatchObject({
      status: 'failed',
      error: 'no Chromium found: install chromium',
    });
    expect(() => registry.get('nope')).toThrow('no operation nope');
  });

  it('keeps the device code prompt while running and drops it at the end', async () => {
    const registry = new OperationRegistry();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const id = registry.start('scan', 'Entra', async (ctx) => {
      ctx.prompt({
        message: 'To sign in, use a web browser…',
        userCode: 'F7KQ2MZ9P',
        verificationUri: 'https://microsoft.com/devicelogin',
      });
      await gate;
      return {};
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(registry.get(id).prompt?.userCode).toBe('F7KQ2MZ9P');
    release();
    expect((await registry.settled(id)).prompt).toBeUndefined();
  });
});
