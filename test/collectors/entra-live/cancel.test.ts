/**
 * Cancelling a scan (the signal) stops it quickly and keeps what was read: lists say where they
 * stopped, per-object reads say how many objects were left, and the scan is stored as partial.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../../../engagement/scan';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import { collect, coverageRow, liveInventory, NOW, startDemoEmulator, TOKEN } from './helpers';

let emulator: GraphEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('cancellation', () => {
  it('stops sending, keeps what was read and says what was not', async () => {
    const started = await startDemoEmulator({ size: 800, maxPageSize: 20, latencyMs: 15 });
    emulator = started.emulator;
    const controller = new AbortController();
    let requestsAtAbort = 0;
    const collection = await collect(started.emulator, {
      signal: controller.signal,
      concurrency: 4,
      onProgress: (e) => {
        if (!controller.signal.aborted && e.detail === 'v1.0/servicePrincipals' && (e.done ?? 0) >= 100) {
          requestsAtAbort = started.emulator.requests.length;
          controller.abort();
        }
      },
    });
    expect(collection.cancelled).toBe(true);
    // At most the requests already in flight arrive after the abort.
    expect(started.emulator.requests.filter((r) => !r.inBatch).length).toBeLessThanOrEqual(
      started.emulator.requests.filter((r, i) => i < requestsAtAbort && !r.inBatch).length + 4,
    );
    const sp = collection.outcomes.find((o) => o.key === 'servicePrincipals');
    expect(sp?.status).toBe('partial');
    expect(sp?.message).toMatch(/cancelled after \d+ page\(s\), \d+ items; later pages not read/);
    expect(collection.raw['v1.0/servicePrincipals']?.length).toBeGreaterThanOrEqual(100);
    expect(collection.stoppedAt['v1.0/servicePrincipals']).toContain('$skiptoken=');

    const inventory = liveInventory(collection, started.emulator, started.demo.info.tenantId);
    expect(inventory.identities.length).toBeGreaterThanOrEqual(100);
    expect(coverageRow(inventory, 'scan')).toMatchObject({ status: 'partial' });
    expect(coverageRow(inventory, 'servicePrincipals')?.status).toBe('partial');
  });

  it('a cancelled scan is stored as a partial scan with what was read', async () => {
    const started = await startDemoEmulator({ size: 800, maxPageSize: 20, latencyMs: 15 });
    emulator = started.emulator;
    const file = join(await mkdtemp(join(tmpdir(), 'aa-entra-cancel-')), 'c.anchor');
    const controller = new AbortController();
    const result = await runScan(
      file,
      {
        entra: {
          tenant: started.demo.info.tenantId,
          auth: 'token',
          graphUrl: started.emulator.url,
          authorityHost: started.emulator.url,
          env: { AGENT_ANCHOR_GRAPH_TOKEN: TOKEN },
          retry: { baseDelayMs: 5 },
        },
      },
      {
        signal: controller.signal,
        now: new Date(NOW),
        actor: 'test',
        onProgress: (e) => {
          if (e.phase === 'scan entra' && e.detail === 'v1.0/applications' && (e.done ?? 0) >= 60)
            controller.abort();
        },
      },
    );
    expect(result.cancelled).toBe(true);
    expect(result.status).toBe('partial');
    expect(result.counts.identities).toBeGreaterThanOrEqual(60);
    expect(result.coverage.some((c) => c.area.endsWith(':scan') && c.message?.includes('cancelled'))).toBe(
      true,
    );
  });
});
