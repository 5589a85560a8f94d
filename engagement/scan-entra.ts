/**
 * The Entra ID sources of a scan: a live scan of a tenant through Microsoft Graph, and the demo
 * tenant (served by the in-process Graph emulator on 127.0.0.1 and scanned through the very same
 * collector, sign-in and transform code as a real tenant).
 */
import { generateDemo } from '../collectors/demo';
import { DEMO_GRAPH_TOKEN, graphSeedFromDemo, startGraphEmulator } from '../collectors/emulators/graph';
import {
  assertEmptyFolder,
  collectEntra,
  collectedTenantId,
  createGraphSignIn,
  DEFAULT_RETRY,
  entraLiveSource,
  GraphTransport,
  Pacer,
  resolveCloud,
  saveEntraRaw,
  StaticTokenCredential,
  transformEntraCollection,
  type Budget,
  type CloudName,
  type DeviceCodePrompt,
  type EntraAuthMethod,
  type EntraCollection,
  type GraphSignIn,
  type RetryPolicy,
} from '../collectors/entra/live';
import type { Inventory } from '../model/inventory';
import type { ProgressListener } from './progress';
import type { ScanSourceRunner } from './scan';
import { DEFAULT_DEMO_SCAN_SEED, DEFAULT_DEMO_SCAN_SIZE, type DemoScanOptions } from './scan-aws';

export interface EntraScanOptions {
  /** Tenant id or verified domain. */
  tenant: string;
  auth: EntraAuthMethod;
  clientId?: string;
  /** PEM file with the certificate and its private key (`--entra-auth certificate`). */
  certificatePath?: string;
  cloud?: CloudName;
  /** Graph root override (a test server, a proxy). */
  graphUrl?: string;
  /** Sign-in host override. */
  authorityHost?: string;
  /** Also write the raw Graph responses here, in the import folder format. */
  saveRawDir?: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Shows the device code to the user. */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Where secrets are read from (tests); process.env otherwise. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Tuning for tests and the bench. */
  retry?: Partial<RetryPolicy>;
  keyCredentialsBudget?: Budget;
}

export interface EntraScanRun {
  inventory: Inventory;
  cancelled: boolean;
  collection: EntraCollection;
  stats: Record<string, number>;
  savedFiles?: number;
}

function statsOf(c: EntraCollection): Record<string, number> {
  return {
    tenants: 1,
    calls: c.stats.requests,
    batches: c.stats.batches,
    batchedRequests: c.stats.batchedRequests,
    pages: c.stats.pages,
    retries: c.stats.retries,
    throttled: c.stats.throttled,
    waitedMs: c.stats.waitedMs,
    seconds: Math.round(c.stats.seconds * 1000) / 1000,
  };
}

function progressOf(prefix: string, onProgress: ProgressListener) {
  return (e: { detail?: string; done?: number; total?: number }) =>
    onProgress({
      phase: prefix,
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.done !== undefined ? { done: e.done } : {}),
      ...(e.total !== undefined ? { total: e.total } : {}),
    });
}

/** Signs in, reads the tenant, builds its inventory; saves the raw responses when asked. */
export async function scanEntraTenant(
  options: EntraScanOptions,
  ctx: {
    signal: AbortSignal;
    onProgress: ProgressListener;
    collectedAt: string;
    method?: 'live' | 'demo';
    /** A sign-in made by the caller (the demo); otherwise built from the options. */
    signIn?: GraphSignIn;
  },
): Promise<EntraScanRun> {
  const cloud = resolveCloud(options.cloud ?? 'global', {
    ...(options.graphUrl ? { graphUrl: options.graphUrl } : {}),
    ...(options.authorityHost ? { authorityHost: options.authorityHost } : {}),
  });
  const signIn =
    ctx.signIn ??
    createGraphSignIn({
      method: options.auth,
      tenant: options.tenant,
      cloud,
      ...(options.clientId ? { clientId: options.clientId } : {}),
      ...(options.certificatePath ? { certificatePath: options.certificatePath } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.onDeviceCode ? { onDeviceCode: options.onDeviceCode } : {}),
    });
  // Refuse a folder with stale files before anything else happens.
  if (options.saveRawDir) await assertEmptyFolder(options.saveRawDir);
  const prefix = ctx.method === 'demo' ? 'scan demo entra' : 'scan entra';
  const onProgress = progressOf(prefix, ctx.onProgress);
  const transport = new GraphTransport({
    baseUrl: cloud.graphBaseUrl,
    credential: signIn.credential,
    scopes: signIn.scopes,
  });
  onProgress({ detail: `signing in to ${options.tenant} (${signIn.describe})` });
  await transport.signIn(ctx.signal);
  const collection = await collectEntra({
    transport,
    signInReports: cloud.signInReports,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    pacer: new Pacer(options.keyCredentialsBudget ? { keyCredentials: options.keyCredentialsBudget } : {}),
    signal: ctx.signal,
    onProgress,
  });
  const method = ctx.method ?? 'live';
  // A token Graph refuses from the first request on: nothing was read, so there is nothing to store.
  const readAnything = Object.values(collection.raw).some((items) => items.length > 0);
  if (collection.fatal && !readAnything)
    throw new Error(`Entra tenant ${options.tenant}: ${collection.fatal}`);
  const inventory = transformEntraCollection(collection, {
    source: (tenantId) =>
      entraLiveSource({ tenantId, graphBaseUrl: cloud.graphBaseUrl, method, signIn: signIn.describe }),
    collectedAt: ctx.collectedAt,
    tenantHint: options.tenant,
  });
  let savedFiles: number | undefined;
  if (options.saveRawDir) {
    onProgress({ detail: `saving raw responses to ${options.saveRawDir}` });
    const files = await saveEntraRaw(options.saveRawDir, collection, {
      graphBaseUrl: cloud.graphBaseUrl,
      tenantId: collectedTenantId(collection) ?? options.tenant,
      collectedAt: ctx.collectedAt,
    });
    savedFiles = files.length;
  }
  return {
    inventory,
    cancelled: collection.cancelled,
    collection,
    stats: { ...statsOf(collection), ...(savedFiles !== undefined ? { savedFiles } : {}) },
    ...(savedFiles !== undefined ? { savedFiles } : {}),
  };
}

export function entraScanRunner(options: EntraScanOptions): ScanSourceRunner {
  return {
    name: 'entra',
    method: 'live',
    describe: () => `Entra tenant ${options.tenant}`,
    run: async ({ signal, onProgress, collectedAt }) => {
      const run = await scanEntraTenant(options, { signal, onProgress, collectedAt });
      return { inventory: run.inventory, cancelled: run.cancelled, stats: run.stats };
    },
  };
}

/**
 * The demo tenant's Entra side: the Graph emulator seeded from the same demo tenant as the AWS
 * emulator (same seed, size and time), scanned with the token sign-in the emulator accepts.
 */
export function entraDemoRunner(
  demo: DemoScanOptions,
  now: Date,
  extra: { saveRawDir?: string } = {},
): ScanSourceRunner {
  const size = demo.size ?? DEFAULT_DEMO_SCAN_SIZE;
  const seed = demo.seed ?? DEFAULT_DEMO_SCAN_SEED;
  return {
    name: 'entra-demo',
    method: 'demo',
    describe: () => `demo Entra tenant of Northwind Robotics (${size} identities, seed ${seed})`,
    run: async ({ signal, onProgress, collectedAt }) => {
      const tenant = generateDemo({ seed, size, now: (demo.now ?? now).toISOString() });
      const emulator = await startGraphEmulator(graphSeedFromDemo(tenant), {
        latencyMs: demo.latencyMs ?? 0,
        acceptedTokens: [DEMO_GRAPH_TOKEN],
      });
      try {
        onProgress({ phase: 'scan demo entra', detail: `emulated Microsoft Graph on ${emulator.url}` });
        const run = await scanEntraTenant(
          {
            tenant: tenant.info.tenantId,
            auth: 'token',
            graphUrl: emulator.url,
            authorityHost: emulator.url,
            ...(extra.saveRawDir ? { saveRawDir: extra.saveRawDir } : {}),
          },
          {
            signal,
            onProgress,
            collectedAt,
            method: 'demo',
            signIn: {
              credential: new StaticTokenCredential(DEMO_GRAPH_TOKEN),
              scopes: ['https://graph.microsoft.com/.default'],
              describe: 'demo token',
            },
          },
        );
        return { inventory: run.inventory, cancelled: run.cancelled, stats: run.stats };
      } finally {
        await emulator.close();
      }
    },
  };
}
