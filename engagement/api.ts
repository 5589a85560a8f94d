/**
 * The one implementation of the app API contract (model/api.ts) over the engagement use cases.
 * The Electron main process and `agent-anchor serve` both host it; they differ only in the ApiHost
 * they hand in (dialogs, recent files, keychain) and in the transport in front of it.
 *
 * Long work (scans, the demo, exports) runs as operations: the call returns an id at once and the
 * UI polls `getOperation`.
 */
import { existsSync, rmSync } from 'node:fs';
import nodePath from 'node:path';
import type {
  AddSuppressionArgs,
  AgentAnchorApi,
  ConnectionTest,
  CreateEngagementArgs,
  Dashboard,
  DiffArgs,
  ExportStart,
  FindingFilter,
  FindingGroups,
  FindingPage,
  GetIdentityArgs,
  IdentityDetail,
  IdentityPage,
  ListFindingsArgs,
  ListIdentitiesArgs,
  OpenDemoArgs,
  OpenEngagementArgs,
  OperationArgs,
  OperationRef,
  OperationState,
  Permissions,
  PermissionsArgs,
  SavedSources,
  SaveSettingsArgs,
  ScanDiff,
  Session,
  SetTriageArgs,
  SettingsView,
  StartExportArgs,
  StartScanArgs,
  Summary,
  TestConnectionArgs,
} from '../model/api';
import { UsageError } from '../model/errors';
import type { ApiHost } from './api-host';
import { buildDashboard } from './api-dashboard';
import { diffScans } from './api-diff';
import { exportFileName, type Exporter } from './api-export';
import { findingGroups, findingPage } from './api-findings';
import { buildIdentityDetail } from './api-identity';
import { readSettings, saveBranding } from './api-settings';
import {
  loadSavedSources,
  permissionsFor,
  rememberSecret,
  saveSources,
  scanSourcesFor,
  testConnection,
} from './api-sources';
import { DEFAULT_DEMO_SIZE } from './demo';
import { engagementWritesSettled, runHeavyJob } from './heavy-job';
import { OpenEngagement, type AssessmentFactory } from './open-engagement';
import { OperationRegistry, type OperationResult } from './operations';
import { runScan } from './scan';

export interface AppApiOptions {
  host: ApiHost;
  assessment: AssessmentFactory;
  /** What the start screen reports before an engagement (and its assessment) is open. */
  assessmentAvailable: boolean;
  /** Writes reports and data exports; absent when this build has none. */
  exporter?: Exporter;
  /** Latency the demo emulators add per response (ms), so a demo scan shows its progress. */
  demoLatencyMs?: number;
}

const ZERO_COUNTS = { identities: 0, credentials: 0, grants: 0, trusts: 0, activities: 0, workloads: 0 };

export class AppApi implements AgentAnchorApi {
  private current: OpenEngagement | undefined;
  private readonly operations = new OperationRegistry();
  private readonly host: ApiHost;

  constructor(private readonly options: AppApiOptions) {
    this.host = options.host;
  }

  /** Open `file` as the current engagement (the host's launch argument, `serve FILE`). */
  open(file: string): void {
    this.switchTo(new OpenEngagement(file, this.dbOptions(), this.options.assessment));
  }

  /**
   * Build the latest scan's model (identity index, assessment figures) now rather than on the first
   * request: seconds at 100,000 identities, so hosts run it right after opening.
   */
  async warm(): Promise<void> {
    const open = this.current;
    const latest = open?.db.latestScanId();
    if (open && latest !== undefined) await open.model(latest);
  }

  /** Path of the open engagement file, if any. */
  get file(): string | undefined {
    return this.current?.file;
  }

  async close(): Promise<void> {
    await this.operations.shutdown();
    this.current?.close();
    this.current = undefined;
  }

  /** An operation's private attachment (the export file of a finished export). */
  operationAttachment(operationId: string): unknown {
    return this.operations.attachmentOf(operationId);
  }

  // ---- Session ----------------------------------------------------------------------------------

  async getSession(): Promise<Session> {
    const current = this.current;
    const assessment = current?.assessment;
    return {
      host: this.host.kind,
      ...(current
        ? {
            engagement: {
              file: current.file,
              ...(current.clientName !== undefined ? { clientName: current.clientName } : {}),
              scanCount: current.db.listScans().length,
            },
          }
        : {}),
      recent: this.host.recent.list(),
      canChooseFiles: this.host.canChooseFiles,
      ...(this.host.servedFile !== undefined
        ? { servedFile: this.host.servedFile, servedFileMissing: !existsSync(this.host.servedFile) }
        : {}),
      features: {
        assess: assessment?.available ?? this.options.assessmentAvailable,
        triage: assessment?.triageAvailable ?? this.options.assessmentAvailable,
        exports: this.options.exporter?.formats() ?? [],
        liveScan: true,
        rememberSecrets: this.host.secrets?.available() ?? false,
      },
      runningOperations: this.operations.running(),
    };
  }

  async createEngagement(args: CreateEngagementArgs): Promise<Session> {
    this.assertIdle('create an engagement');
    const file = await this.host.chooseNewEngagementFile(args.clientName);
    if (file === undefined) return this.getSession();
    if (existsSync(file)) {
      throw new UsageError(`${file} already exists: open it, or choose another file name`);
    }
    this.switchTo(
      new OpenEngagement(
        file,
        { ...this.dbOptions(), create: true, clientName: args.clientName },
        this.options.assessment,
      ),
    );
    return this.getSession();
  }

  async openEngagement(args: OpenEngagementArgs = {}): Promise<Session> {
    this.assertIdle('open another engagement');
    let file = args.file;
    if (file !== undefined) {
      if (!this.host.mayOpen(file)) {
        throw new UsageError(
          'only engagements from the recent list can be opened by name; use Open… instead',
        );
      }
    } else {
      file = await this.host.chooseEngagementFile();
      if (file === undefined) return this.getSession();
    }
    this.open(file);
    return this.getSession();
  }

  async openDemo(args: OpenDemoArgs = {}): Promise<OperationRef> {
    this.assertIdle('open the demo');
    const file = this.host.demoFile();
    if (this.host.kind === 'browser' && existsSync(file)) {
      throw new UsageError(`${file} already exists: the demo is only written to a new file`);
    }
    const size = args.size ?? DEFAULT_DEMO_SIZE;
    const operationId = this.operations.start('demo', `Demo engagement (${size} identities)`, async (ctx) => {
      if (this.current?.file === file) {
        this.current.close();
        this.current = undefined;
      }
      // The desktop regenerates its demo on every open so it matches this version's generator.
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
      // Generating, reading and storing the demo tenant is CPU-bound: a worker thread does it.
      const result = await runHeavyJob(
        'demo',
        { file, options: { size, actor: this.host.actor } },
        {
          onProgress: ctx.progress,
          ...(this.host.nativeBinding !== undefined ? { nativeBinding: this.host.nativeBinding } : {}),
        },
      );
      this.open(file);
      const findings = await this.assessAfterStore(result.scanId, ctx.progress);
      return {
        scanId: result.scanId,
        scanStatus: result.status,
        identities: result.counts.identities,
        ...findings,
      };
    });
    return { operationId };
  }

  async closeEngagement(): Promise<Session> {
    this.assertIdle('close the engagement');
    this.current?.close();
    this.current = undefined;
    return this.getSession();
  }

  // ---- Reading ----------------------------------------------------------------------------------

  async getSummary(): Promise<Summary> {
    const open = this.engagement();
    const scans = open.db.listScans();
    const latestScanId = open.db.latestScanId();
    const latest = scans.find((scan) => scan.id === latestScanId);
    const clientName = open.clientName;
    return {
      file: open.file,
      ...(clientName !== undefined ? { clientName } : {}),
      scans,
      ...(latestScanId !== undefined ? { latestScanId } : {}),
      counts: latest?.counts ?? ZERO_COUNTS,
    };
  }

  async getDashboard(args: { scanId?: number } = {}): Promise<Dashboard> {
    const open = this.engagement();
    const scanId = open.scanId(args.scanId);
    const previousId = previousScanId(open, scanId);
    const model = await open.model(scanId);
    const previous = previousId !== undefined ? await open.model(previousId) : undefined;
    return buildDashboard(model, previous);
  }

  async listIdentities(args: ListIdentitiesArgs = {}): Promise<IdentityPage> {
    const open = this.engagement();
    const scanId = args.scanId ?? open.db.latestScanId();
    if (scanId === undefined) return { total: 0, all: 0, offset: 0, rows: [] };
    const model = await open.model(open.scanId(scanId));
    return model.index.query(args, scanId);
  }

  async getIdentity(args: GetIdentityArgs): Promise<IdentityDetail> {
    const open = this.engagement();
    const scanId = open.scanId(args.scanId);
    return buildIdentityDetail(open, await open.model(scanId), args.id);
  }

  async listFindingGroups(args: FindingFilter = {}): Promise<FindingGroups> {
    const open = this.engagement();
    const scanId =
      open.db.latestScanId() === undefined && args.scanId === undefined
        ? undefined
        : open.scanId(args.scanId);
    if (scanId === undefined) return { assessed: false, total: 0, groups: [] };
    return findingGroups(await open.model(scanId), open.assessment.triage(), args);
  }

  async listFindings(args: ListFindingsArgs = {}): Promise<FindingPage> {
    const open = this.engagement();
    const scanId = open.scanId(args.scanId);
    return findingPage(await open.model(scanId), open.assessment.triage(), args);
  }

  async setTriage(args: SetTriageArgs): Promise<{ updated: number }> {
    const open = this.engagement();
    if (!open.assessment.triageAvailable) throw new UsageError('triage is not available in this build');
    await this.storesSettled(open);
    return { updated: open.assessment.setTriage(args.keys, args.status, args.note) };
  }

  async diffScans(args: DiffArgs = {}): Promise<ScanDiff> {
    const open = this.engagement();
    const toScanId = open.scanId(args.toScanId);
    const fromScanId = args.fromScanId ?? previousScanId(open, toScanId);
    if (fromScanId === undefined) throw new UsageError('a diff needs two scans: this engagement has one');
    if (fromScanId === toScanId) throw new UsageError('choose two different scans to compare');
    const [from, to] = await Promise.all([open.model(open.scanId(fromScanId)), open.model(toScanId)]);
    return diffScans(open.reader, from, to);
  }

  // ---- Sources and scans ------------------------------------------------------------------------

  async getPermissions(args: PermissionsArgs): Promise<Permissions> {
    return permissionsFor(args);
  }

  async getSavedSources(): Promise<SavedSources> {
    return loadSavedSources(this.engagement().db, this.host.secrets);
  }

  async testConnection(args: TestConnectionArgs): Promise<ConnectionTest> {
    return testConnection(args.source, this.host.secrets);
  }

  async startScan(args: StartScanArgs): Promise<OperationRef> {
    const open = this.engagement();
    this.assertIdle('start a scan');
    // Check everything (a remembered secret exists, options combine) before the operation starts.
    const sources = scanSourcesFor(args.sources, this.host.secrets, this.options.demoLatencyMs);
    saveSources(open.db, args.sources, this.host.actor);
    if (args.sources.entra?.rememberSecret && args.sources.entra.clientSecret !== undefined) {
      rememberSecret(this.host.secrets, args.sources.entra, args.sources.entra.clientSecret);
    }
    const names = [
      args.sources.demo && 'demo organization',
      args.sources.aws && 'AWS',
      args.sources.entra && 'Entra ID',
    ]
      .filter(Boolean)
      .join(', ');
    const operationId = this.operations.start('scan', `Scan of ${names}`, async (ctx) => {
      const result = await runScan(
        open.file,
        sources.build((prompt) => ctx.prompt(prompt)),
        {
          signal: ctx.signal,
          onProgress: ctx.progress,
          actor: this.host.actor,
          ...(args.label !== undefined ? { label: args.label } : {}),
          ...(this.host.nativeBinding !== undefined ? { nativeBinding: this.host.nativeBinding } : {}),
        },
      );
      const gaps = result.coverage
        .filter((c) => c.status !== 'complete')
        .map((c) => ({
          area: c.area,
          status: c.status,
          ...(c.message !== undefined ? { message: c.message } : {}),
        }));
      const findings = await this.assessAfterStore(result.scanId, ctx.progress);
      const outcome: OperationResult = {
        scanId: result.scanId,
        scanStatus: result.status,
        identities: result.counts.identities,
        gaps,
        ...findings,
      };
      return outcome;
    });
    return { operationId };
  }

  async startAssessment(args: { scanId?: number } = {}): Promise<OperationRef> {
    const open = this.engagement();
    if (!open.assessment.available) throw new UsageError('assessment is not available in this build');
    this.assertIdle('re-assess');
    const scanId = open.scanId(args.scanId);
    const operationId = this.operations.start('assess', `Assessment of scan ${scanId}`, async (ctx) => {
      ctx.progress({ phase: 'assess', detail: `scan ${scanId}` });
      const findings = await open.assessment.assess(scanId, ctx.progress);
      open.invalidateModels();
      ctx.progress({ phase: 'assess', detail: `${findings} findings` });
      return { scanId, findings };
    });
    return { operationId };
  }

  async getOperation(args: OperationArgs): Promise<OperationState> {
    return this.operations.get(args.operationId);
  }

  async cancelOperation(args: OperationArgs): Promise<OperationState> {
    return this.operations.cancel(args.operationId);
  }

  // ---- Exports ----------------------------------------------------------------------------------

  async startExport(args: StartExportArgs): Promise<ExportStart> {
    const open = this.engagement();
    const exporter = this.options.exporter;
    if (!exporter || !exporter.formats().includes(args.format)) {
      throw new UsageError(`${args.format.toUpperCase()} export is not available in this build`);
    }
    const scanId = open.scanId(args.scanId);
    const suggested = exportFileName(
      open.clientName ?? nodePath.basename(open.file, '.anchor'),
      scanId,
      args,
    );
    const target = await this.host.chooseExportFile(suggested, args.format);
    if (target === undefined) return { cancelled: true };
    const operationId = this.operations.start(
      'export',
      `${args.format.toUpperCase()} export of scan ${scanId}`,
      async (ctx) => {
        const written = await exporter.write({
          file: open.file,
          scanId,
          format: args.format,
          variant: args.variant ?? 'full',
          paper: args.paper ?? 'a4',
          table: args.table ?? 'findings',
          out: target.path,
          actor: this.host.actor,
          signal: ctx.signal,
          onProgress: ctx.progress,
          ...(this.host.nativeBinding !== undefined ? { nativeBinding: this.host.nativeBinding } : {}),
        });
        return {
          export: {
            format: args.format,
            fileName: nodePath.basename(target.path),
            bytes: written.bytes,
            ...(target.download ? {} : { savedTo: target.path }),
            downloadable: target.download,
          },
        };
      },
      target,
    );
    return { operationId, cancelled: false };
  }

  // ---- Settings ---------------------------------------------------------------------------------

  async getSettings(): Promise<SettingsView> {
    return readSettings(this.engagement());
  }

  async saveSettings(args: SaveSettingsArgs = {}): Promise<SettingsView> {
    const open = this.engagement();
    await this.storesSettled(open);
    if (args.branding) saveBranding(open.db, args.branding, this.host.actor);
    if (args.thresholds || args.weights) {
      if (!open.assessment.available)
        throw new UsageError('assessment settings are not available in this build');
      open.assessment.saveSettings({
        ...(args.thresholds ? { thresholds: args.thresholds } : {}),
        ...(args.weights ? { weights: args.weights } : {}),
      });
      open.invalidateModels();
    }
    return readSettings(open);
  }

  async addSuppression(args: AddSuppressionArgs): Promise<SettingsView> {
    const open = this.engagement();
    if (!open.assessment.suppressionsAvailable)
      throw new UsageError('suppressions are not available in this build');
    await this.storesSettled(open);
    open.assessment.addSuppression(args);
    open.invalidateModels();
    return readSettings(open);
  }

  async removeSuppression(args: { id: string }): Promise<SettingsView> {
    const open = this.engagement();
    if (!open.assessment.suppressionsAvailable)
      throw new UsageError('suppressions are not available in this build');
    await this.storesSettled(open);
    open.assessment.removeSuppression(args.id);
    open.invalidateModels();
    return readSettings(open);
  }

  // ---- Internals --------------------------------------------------------------------------------

  /**
   * A worker storing a scan or its assessment holds the file's write lock for seconds; a write now
   * would wait for it inside SQLite's busy handler, asleep on this thread. Wait here instead.
   */
  private async storesSettled(open: OpenEngagement): Promise<void> {
    await engagementWritesSettled(open.file);
  }

  private engagement(): OpenEngagement {
    if (!this.current) throw new UsageError('no engagement is open: create one, open one or open the demo');
    return this.current;
  }

  private switchTo(next: OpenEngagement): void {
    this.current?.close();
    this.current = next;
    this.host.recent.add({
      file: next.file,
      ...(next.clientName !== undefined ? { clientName: next.clientName } : {}),
    });
  }

  /** Switching files under a running scan would store it into a file the user no longer sees. */
  private assertIdle(what: string): void {
    if (this.operations.running().length > 0) {
      throw new UsageError(`cannot ${what} while a scan or export is running: wait for it or cancel it`);
    }
  }

  private dbOptions(): { actor: string; nativeBinding?: string } {
    return {
      actor: this.host.actor,
      ...(this.host.nativeBinding !== undefined ? { nativeBinding: this.host.nativeBinding } : {}),
    };
  }

  /** Assess a scan just stored; an assessment failure keeps the scan and says why. */
  private async assessAfterStore(
    scanId: number,
    onProgress: (event: { phase: string; detail?: string }) => void,
  ): Promise<{ findings?: number; assessError?: string }> {
    const open = this.current;
    if (!open || !open.assessment.available) return {};
    try {
      // The import and scan use cases may already assess what they store.
      if (open.assessment.isAssessed(scanId)) {
        open.invalidateModels();
        const stored = await open.assessment.load(scanId);
        return { findings: Object.values(stored?.bySeverity ?? {}).reduce((a, b) => a + b, 0) };
      }
      onProgress({ phase: 'assess', detail: `scan ${scanId}` });
      const findings = await open.assessment.assess(scanId, onProgress);
      open.invalidateModels();
      onProgress({ phase: 'assess', detail: `${findings} findings` });
      return { findings };
    } catch (error) {
      return { assessError: error instanceof Error ? error.message : String(error) };
    }
  }
}

function previousScanId(open: OpenEngagement, scanId: number): number | undefined {
  const earlier = open.db
    .listScans()
    .map((scan) => scan.id)
    .filter((id) => id < scanId);
  return earlier.length > 0 ? earlier[earlier.length - 1] : undefined;
}
