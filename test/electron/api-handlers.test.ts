import { describe, expect, it } from 'vitest';
import type { AgentAnchorApi, IdentityPage, ListIdentitiesArgs, Summary } from '../../model/api';
import { UsageError } from '../../model/errors';
import { apiChannel, apiNames, type ApiReply } from '../../model/api-transport';
import {
  registerApiHandlers,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../electron/main/api-handlers';
import { isTrustedRendererUrl } from '../../electron/main/renderer-origin';
import { buildBridgeApi } from '../../electron/preload/bridge';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async call(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<ApiReply<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return (await listener(
      { senderFrame: frameUrl === null ? null : { url: frameUrl } },
      ...args,
    )) as ApiReply<unknown>;
  }
}

const APP_URL = 'app://renderer/index.html';

const SUMMARY: Summary = {
  file: '/clients/contoso.anchor',
  clientName: 'Contoso',
  scans: [],
  counts: { identities: 0, credentials: 0, grants: 0, trusts: 0, activities: 0, workloads: 0 },
};

const PAGE: IdentityPage = {
  total: 1,
  all: 1,
  offset: 0,
  rows: [
    {
      id: 'entra:a1b2c3d4-1111-4222-8333-944455566677',
      provider: 'entra',
      kind: 'entra-service-principal',
      name: '<img src=x onerror=alert(1)> Copilot connector',
      account: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      credentialCount: 1,
      grantCount: 3,
      ownerCount: 1,
      credentialKinds: ['client-secret'],
      agent: 'likely',
      severity: 'high',
      findingCount: 2,
      score: 28,
    },
  ],
};

/** An API whose calls all fail; tests override the calls they exercise. */
function apiWith(overrides: Partial<AgentAnchorApi>): AgentAnchorApi {
  const refuse = async (): Promise<never> => {
    throw new UsageError('not part of this test');
  };
  return {
    ...(Object.fromEntries(apiNames.map((name) => [name, refuse])) as unknown as AgentAnchorApi),
    ...overrides,
  };
}

function recordingApi(): { api: AgentAnchorApi; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const api = apiWith({
    async getSummary(args) {
      calls.push(['getSummary', args]);
      return SUMMARY;
    },
    async listIdentities(args?: ListIdentitiesArgs) {
      calls.push(['listIdentities', args]);
      return PAGE;
    },
  });
  return { api, calls };
}

function setup(api: AgentAnchorApi, devServerUrl?: string) {
  const ipc = new FakeIpcMain();
  const unexpected: unknown[] = [];
  const dispose = registerApiHandlers(ipc, api, {
    isTrustedSender: (url) => isTrustedRendererUrl(url, devServerUrl !== undefined ? { devServerUrl } : {}),
    onUnexpectedError: (_call, error) => unexpected.push(error),
  });
  return { ipc, unexpected, dispose };
}

describe('registerApiHandlers', () => {
  it('registers one handler per contract call on agent-anchor:<name>, and removes them all', () => {
    const { ipc, dispose } = setup(recordingApi().api);
    expect([...ipc.handlers.keys()].sort()).toEqual(apiNames.map(apiChannel).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('forwards a valid call to the implementation and returns its result', async () => {
    const { api, calls } = recordingApi();
    const { ipc } = setup(api);
    const args = { provider: ['entra'], agent: ['yes', 'likely'], search: 'copilot', offset: 0, limit: 50 };
    await expect(ipc.call('agent-anchor:listIdentities', APP_URL, args)).resolves.toEqual({
      ok: true,
      value: PAGE,
    });
    await expect(ipc.call('agent-anchor:getSummary', APP_URL)).resolves.toEqual({ ok: true, value: SUMMARY });
    expect(calls).toEqual([
      ['listIdentities', args],
      ['getSummary', {}],
    ]);
  });

  it('refuses frames that are not the app renderer, without calling the implementation', async () => {
    const { api, calls } = recordingApi();
    const { ipc } = setup(api);
    for (const url of [
      'https://evil.example/index.html',
      'file:///home/user/Downloads/page.html',
      'app://other/index.html',
      'http://localhost:5173/',
    ]) {
      const reply = await ipc.call('agent-anchor:getSummary', url, {});
      expect(reply).toEqual({
        ok: false,
        error: { name: 'Forbidden', message: expect.stringContaining('getSummary') },
      });
    }
    // A frame that navigated away or was destroyed has no senderFrame.
    expect(await ipc.call('agent-anchor:getSummary', null, {})).toMatchObject({
      ok: false,
      error: { name: 'Forbidden' },
    });
    expect(calls).toEqual([]);
  });

  it('accepts the dev server origin in development, and only it', async () => {
    const { api } = recordingApi();
    const { ipc } = setup(api, 'http://localhost:5173');
    expect(await ipc.call('agent-anchor:getSummary', 'http://localhost:5173/index.html')).toMatchObject({
      ok: true,
    });
    expect(await ipc.call('agent-anchor:getSummary', 'http://localhost:5174/')).toMatchObject({ ok: false });
    expect(await ipc.call('agent-anchor:getSummary', APP_URL)).toMatchObject({ ok: false });
  });

  it('rejects invalid args with a message naming the call and the field', async () => {
    const { api, calls } = recordingApi();
    const { ipc } = setup(api);
    const tooBig = await ipc.call('agent-anchor:listIdentities', APP_URL, { limit: 100000 });
    expect(tooBig).toMatchObject({ ok: false, error: { name: 'InvalidArguments' } });
    expect(tooBig.ok === false && tooBig.error.message).toMatch(/^listIdentities: limit: /);
    const unknownKey = await ipc.call('agent-anchor:listIdentities', APP_URL, {
      provider: ['aws'],
      where: '1=1',
    });
    expect(unknownKey.ok === false && unknownKey.error.message).toContain('where');
    const notAnObject = await ipc.call('agent-anchor:getSummary', APP_URL, 'getSummary');
    expect(notAnObject).toMatchObject({ ok: false, error: { name: 'InvalidArguments' } });
    const twoArgs = await ipc.call('agent-anchor:getSummary', APP_URL, {}, {});
    expect(twoArgs).toMatchObject({ ok: false, error: { name: 'InvalidArguments' } });
    expect(calls).toEqual([]);
  });

  it('passes user errors through with their name and reports unexpected ones', async () => {
    const failing = apiWith({
      async getSummary() {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed');
      },
      async listIdentities() {
        throw new UsageError('no scan with id 7');
      },
    });
    const { ipc, unexpected } = setup(failing);
    expect(await ipc.call('agent-anchor:listIdentities', APP_URL, { scanId: 7 })).toEqual({
      ok: false,
      error: { name: 'UsageError', message: 'no scan with id 7' },
    });
    expect(unexpected).toEqual([]);
    expect(await ipc.call('agent-anchor:getSummary', APP_URL)).toEqual({
      ok: false,
      error: { name: 'Error', message: 'SQLITE_CORRUPT: database disk image is malformed' },
    });
    expect(unexpected).toHaveLength(1);
  });

  it('parses results with the contract: extra fields are stripped, a broken result is an error', async () => {
    const leaky = {
      ...recordingApi().api,
      async listIdentities() {
        return { ...PAGE, rows: PAGE.rows.map((row) => ({ ...row, secretText: 'leak' })) };
      },
    };
    const { ipc } = setup(leaky);
    const reply = await ipc.call('agent-anchor:listIdentities', APP_URL, {});
    expect(reply.ok && reply.value).toEqual(PAGE);

    const broken = {
      ...recordingApi().api,
      async getSummary() {
        return { file: 42 } as unknown as Summary;
      },
    };
    const second = setup(broken);
    expect(await second.ipc.call('agent-anchor:getSummary', APP_URL)).toMatchObject({
      ok: false,
      error: { name: 'Error', message: expect.stringContaining('does not match the API contract') },
    });
    expect(second.unexpected).toHaveLength(1);
  });

  it('works end to end with the preload bridge: values arrive, errors throw their reason', async () => {
    const { api } = recordingApi();
    const { ipc } = setup(api);
    const bridge = buildBridgeApi((channel, args) => ipc.call(channel, APP_URL, args));
    await expect(bridge.listIdentities({ kind: ['entra-service-principal'] })).resolves.toEqual(PAGE);
    await expect(bridge.listIdentities({ limit: 0 })).rejects.toThrow(/^listIdentities: limit: /);
    const outsider = buildBridgeApi((channel, args) => ipc.call(channel, 'https://evil.example/', args));
    await expect(outsider.getSummary()).rejects.toThrow('only answered for the Agent Anchor window');
  });
});
