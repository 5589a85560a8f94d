import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  apiContract,
  identityPageSchema,
  listIdentitiesArgsSchema,
  MAX_PAGE_SIZE,
  summarySchema,
  type AgentAnchorApi,
} from '../../model/api';
import { apiChannel, apiHttpPath, apiNames, ApiCallError, unwrapReply } from '../../model/api-transport';
import { buildBridgeApi } from '../../electron/preload/bridge';

describe('API contract', () => {
  it('defines args and result schemas for every call, and exactly the transport names', () => {
    expect(Object.keys(apiContract)).toEqual([...apiNames]);
    for (const name of apiNames) {
      expect(apiContract[name].args).toBeInstanceOf(z.ZodType);
      expect(apiContract[name].result).toBeInstanceOf(z.ZodType);
    }
  });

  it('names one IPC channel and one HTTP path per call', () => {
    expect(apiNames.map(apiChannel)).toContain('agent-anchor:listIdentities');
    expect(apiNames.map(apiChannel).every((c) => /^agent-anchor:[a-z][A-Za-z]+$/.test(c))).toBe(true);
    expect(apiHttpPath('listIdentities')).toBe('/api/listIdentities');
    expect(new Set(apiNames.map(apiChannel)).size).toBe(apiNames.length);
  });

  it('refuses unknown keys and out-of-range paging instead of silently dropping them', () => {
    expect(apiContract.getSummary.args.safeParse({}).success).toBe(true);
    expect(apiContract.getSummary.args.safeParse({ file: '/etc/passwd' }).success).toBe(false);
    expect(
      listIdentitiesArgsSchema.safeParse({ provider: ['aws'], search: 'bedrock', limit: 50 }).success,
    ).toBe(true);
    expect(listIdentitiesArgsSchema.safeParse({ provider: 'aws' }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ limit: MAX_PAGE_SIZE + 1 }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ offset: -1 }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ provider: ['gcp'] }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ sort: 'data' }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ scanId: 1, sql: 'DROP TABLE scans' }).success).toBe(false);
    expect(listIdentitiesArgsSchema.safeParse({ search: 'x'.repeat(201) }).success).toBe(false);
  });

  it('accepts a realistic summary and identity page, and strips fields the contract does not name', () => {
    const summary = summarySchema.parse({
      file: '/home/consultant/clients/contoso.anchor',
      clientName: 'Contoso',
      scans: [
        {
          id: 1,
          label: 'Import 2025-01-10',
          method: 'import',
          status: 'complete',
          startedAt: '2025-01-10T09:00:00.000Z',
          finishedAt: '2025-01-10T09:00:04.000Z',
          counts: { identities: 2, credentials: 1, grants: 3, trusts: 1, activities: 0, workloads: 0 },
          sources: [],
          coverage: [],
        },
      ],
      latestScanId: 1,
      counts: { identities: 2, credentials: 1, grants: 3, trusts: 1, activities: 0, workloads: 0 },
    });
    expect(summary.latestScanId).toBe(1);
    const page = identityPageSchema.parse({
      total: 1,
      all: 1,
      offset: 0,
      rows: [
        {
          id: 'aws:arn:aws:iam::123456789012:user/ci-deployer',
          provider: 'aws',
          kind: 'aws-user',
          name: 'ci-deployer',
          account: '123456789012',
          createdAt: '2021-06-01T12:00:00.000Z',
          credentialCount: 2,
          grantCount: 4,
          ownerCount: 0,
          credentialKinds: ['access-key'],
          agent: 'no',
          severity: 'high',
          findingCount: 3,
          attributes: { secretAccessKey: 'must not travel' },
        },
      ],
    });
    expect(page.rows[0]).not.toHaveProperty('attributes');
  });
});

describe('preload bridge', () => {
  it('exposes exactly one method per contract call, each invoking its own channel', async () => {
    const calls: [string, unknown][] = [];
    const bridge = buildBridgeApi(async (channel, args) => {
      calls.push([channel, args]);
      return { ok: true, value: { channel } };
    });
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(apiContract).sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    await expect(bridge.getSummary()).resolves.toEqual({ channel: 'agent-anchor:getSummary' });
    await bridge.listIdentities({ provider: ['entra'], limit: 10 });
    expect(calls).toEqual([
      ['agent-anchor:getSummary', {}],
      ['agent-anchor:listIdentities', { provider: ['entra'], limit: 10 }],
    ]);
  });

  it('turns an error reply into a thrown error carrying the one-line reason', async () => {
    const bridge: AgentAnchorApi = buildBridgeApi(async () => ({
      ok: false,
      error: { name: 'UsageError', message: 'no scan with id 9' },
    }));
    const failure = bridge.listIdentities({ scanId: 9 });
    await expect(failure).rejects.toBeInstanceOf(ApiCallError);
    await expect(failure).rejects.toThrow('no scan with id 9');
  });

  it('refuses a reply that is not the envelope', () => {
    expect(() => unwrapReply({ rows: [] })).toThrow('malformed reply');
    expect(() => unwrapReply(undefined)).toThrow('malformed reply');
  });
});
