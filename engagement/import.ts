/**
 * The offline import use case: read every input, transform it, and only then store one scan.
 * Reading and transforming come first so that a bad file changes nothing in the engagement.
 */
import { existsSync } from 'node:fs';
import { openEngagement, type EngagementDb } from '../db';
import { readAwsFiles, readAwsImportDir, transformAwsImport, type AwsAccountImport } from '../collectors/aws';
import { entraTenantId, readEntraDir, transformEntraTenant } from '../collectors/entra';
import { mergeInventories, type Inventory, type Scan, type Source } from '../model/inventory';
import { UsageError } from '../model/errors';
import { currentActor } from './actor';
import { assessNewScan } from './assess';
import { noProgress, type ProgressListener } from './progress';

export interface ImportInputs {
  awsDirs?: readonly string[];
  awsAuthDetails?: readonly string[];
  awsCredentialReports?: readonly string[];
  entraDirs?: readonly string[];
}

export interface ImportOptions {
  label?: string;
  method?: 'import' | 'demo';
  /** Reference time for credential status (expired) and the scan's timestamps. */
  now?: Date;
  actor?: string;
  nativeBinding?: string;
  clientName?: string;
  onProgress?: ProgressListener;
  /** Assess the stored scan right away (default true). */
  assess?: boolean;
}

export interface ImportResult {
  file: string;
  scanId: number;
  status: 'complete' | 'partial';
  created: boolean;
  counts: Record<'identities' | 'credentials' | 'grants' | 'trusts' | 'activities' | 'workloads', number>;
  coverage: Inventory['coverage'];
}

function hasInputs(inputs: ImportInputs): boolean {
  return [inputs.awsDirs, inputs.awsAuthDetails, inputs.awsCredentialReports, inputs.entraDirs].some(
    (list) => (list?.length ?? 0) > 0,
  );
}

/** Reads and transforms all inputs into one inventory; throws InputError naming the bad file. */
export async function readImportInventory(
  inputs: ImportInputs,
  collectedAt: string,
  onProgress: ProgressListener = noProgress,
): Promise<Inventory> {
  if (!hasInputs(inputs)) {
    throw new UsageError(
      'nothing to import: give --aws-dir, --aws-auth-details, --aws-credential-report or --entra-dir',
    );
  }
  const parts: Inventory[] = [];
  const awsAccounts: AwsAccountImport[] = [];
  for (const dir of inputs.awsDirs ?? []) {
    onProgress({ phase: 'read', detail: dir });
    awsAccounts.push(...(await readAwsImportDir(dir)));
  }
  if ((inputs.awsAuthDetails?.length ?? 0) + (inputs.awsCredentialReports?.length ?? 0) > 0) {
    onProgress({ phase: 'read', detail: 'AWS files' });
    awsAccounts.push(
      ...(await readAwsFiles({
        authDetails: inputs.awsAuthDetails ?? [],
        credentialReports: inputs.awsCredentialReports ?? [],
      })),
    );
  }
  const seenAccounts = new Set<string>();
  for (const account of awsAccounts) {
    if (seenAccounts.has(account.accountId)) {
      throw new UsageError(
        `AWS account ${account.accountId} is given twice (${account.files[0] ?? ''}); import each account once`,
      );
    }
    seenAccounts.add(account.accountId);
  }
  if (awsAccounts.length > 0) {
    onProgress({ phase: 'transform', detail: `${awsAccounts.length} AWS account(s)` });
    parts.push(transformAwsImport(awsAccounts, collectedAt));
  }
  for (const dir of inputs.entraDirs ?? []) {
    onProgress({ phase: 'read', detail: dir });
    const read = await readEntraDir(dir);
    onProgress({ phase: 'transform', detail: dir });
    parts.push(
      transformEntraTenant(read.raw, {
        // One input per folder: a large tenant export holds tens of thousands of per-object files.
        source: entraImportSource(entraTenantId(read.raw), [dir]),
        collectedAt,
        readNotes: read.notes,
      }),
    );
  }
  return mergeInventories(parts);
}

function entraImportSource(tenantId: string, files: readonly string[]): Source {
  return {
    id: `entra:${tenantId}:import`,
    provider: 'entra',
    method: 'import',
    account: tenantId,
    label: `Entra tenant ${tenantId} (offline import)`,
    inputs: [...files],
  };
}

function describeSources(inventory: Inventory): string {
  const aws = inventory.sources.filter((s) => s.provider === 'aws').length;
  const entra = inventory.sources.filter((s) => s.provider === 'entra').length;
  const parts = [];
  if (aws) parts.push(`${aws} AWS account${aws > 1 ? 's' : ''}`);
  if (entra) parts.push(`${entra} Entra tenant${entra > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/** Stores an already-read inventory as one scan (one transaction). */
export function storeInventory(
  db: EngagementDb,
  inventory: Inventory,
  opts: {
    label: string;
    method: 'import' | 'demo' | 'live';
    startedAt: string;
    actor: string;
    onProgress?: ProgressListener;
  },
): number {
  const onProgress = opts.onProgress ?? noProgress;
  return db.storeScan(
    {
      label: opts.label,
      method: opts.method,
      startedAt: opts.startedAt,
      finishedAt: new Date().toISOString(),
      inventory,
      actor: opts.actor,
    },
    { onProgress: (p) => onProgress({ phase: `store ${p.table}`, done: p.rows, total: p.total }) },
  );
}

/** Imports provider export files into an engagement file, creating it when it does not exist. */
export async function importIntoEngagement(
  file: string,
  inputs: ImportInputs,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const onProgress = opts.onProgress ?? noProgress;
  const now = opts.now ?? new Date();
  const startedAt = new Date().toISOString();
  const inventory = await readImportInventory(inputs, now.toISOString(), onProgress);
  const created = !existsSync(file);
  const { scanId, scan } = await storeScanIntoFile(file, inventory, {
    label: opts.label ?? `Import of ${describeSources(inventory)}`,
    method: opts.method ?? 'import',
    startedAt,
    actor: opts.actor ?? currentActor(),
    now,
    onProgress,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.clientName ? { clientName: opts.clientName } : {}),
    ...(opts.assess === false ? { assess: false } : {}),
  });
  return { file, scanId, status: scan.status, created, counts: scan.counts, coverage: scan.coverage };
}

export interface StoreScanIntoFileOptions {
  label: string;
  method: 'import' | 'demo' | 'live';
  startedAt: string;
  actor: string;
  /** Reference time of the assessment. */
  now: Date;
  nativeBinding?: string;
  /** Recorded when the file is created. */
  clientName?: string;
  onProgress?: ProgressListener;
  /** Assess the stored scan right away (default true). */
  assess?: boolean;
}

/**
 * Store an inventory as one scan of `file` (created when missing) and assess it: the synchronous,
 * CPU-bound end of an import or a scan, which the app runs in a worker thread (heavy-job.ts).
 */
export async function storeScanIntoFile(
  file: string,
  inventory: Inventory,
  opts: StoreScanIntoFileOptions,
): Promise<{ scanId: number; scan: Scan }> {
  const onProgress = opts.onProgress ?? noProgress;
  const db = openEngagement(file, {
    create: true,
    actor: opts.actor,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.clientName ? { clientName: opts.clientName } : {}),
  });
  try {
    const scanId = storeInventory(db, inventory, {
      label: opts.label,
      method: opts.method,
      startedAt: opts.startedAt,
      actor: opts.actor,
      onProgress,
    });
    // Every stored scan gets its findings, scores and KPIs right away, unless the caller assesses
    // later (`agent-anchor assess`), e.g. to time the import alone.
    if (opts.assess !== false)
      await assessNewScan(db, scanId, { now: opts.now, actor: opts.actor, inventory, onProgress });
    return { scanId, scan: db.getScan(scanId) };
  } finally {
    db.close();
  }
}
