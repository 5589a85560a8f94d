/**
 * The engagement file the app has open: its database, an indexed reader, its assessment, and the
 * per-scan models the screens read (identity index, credential dates, assessment), each built once
 * and kept while the file is open. Stored scans never change, so a model stays valid; assessments
 * can (settings, suppressions) and are reloaded when invalidated.
 */
import { openEngagement, ScanReader, type CredentialListRow, type EngagementDb } from '../db';
import { UsageError } from '../model/errors';
import type { Scan } from '../model/inventory';
import type { AssessmentSource, ScanAssessment } from './api-assessment';
import { IdentityIndex } from './identity-index';

export interface ScanModel {
  scan: Scan;
  index: IdentityIndex;
  credentials: readonly CredentialListRow[];
  assessment: ScanAssessment | undefined;
}

/** Models kept at once: the latest scan and the one compared with it, plus a spare. */
const MODEL_CACHE = 3;

export type AssessmentFactory = (engagement: {
  file: string;
  db: EngagementDb;
  reader: ScanReader;
  actor: string;
  nativeBinding?: string;
}) => AssessmentSource;

export class OpenEngagement {
  readonly db: EngagementDb;
  readonly reader: ScanReader;
  readonly assessment: AssessmentSource;
  private readonly models = new Map<number, Promise<ScanModel>>();
  /** Scan ids known to exist: stored scans are never removed, so one check per id is enough. */
  private readonly knownScans = new Set<number>();

  constructor(
    readonly file: string,
    options: { nativeBinding?: string; actor: string; create?: boolean; clientName?: string },
    assessmentFactory: AssessmentFactory,
  ) {
    this.db = openEngagement(file, {
      actor: options.actor,
      ...(options.create ? { create: true } : {}),
      ...(options.clientName !== undefined ? { clientName: options.clientName } : {}),
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      this.reader = new ScanReader(file, options.nativeBinding);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.assessment = assessmentFactory({
      file,
      db: this.db,
      reader: this.reader,
      actor: options.actor,
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    });
  }

  get clientName(): string | undefined {
    return this.db.meta().clientName;
  }

  /** A scan id the caller gave, or the latest; UsageError when the file holds no scan. */
  scanId(requested: number | undefined): number {
    if (requested !== undefined) {
      // getScan reads the scan's sources and coverage: worth skipping on every list request.
      if (!this.knownScans.has(requested)) this.knownScans.add(this.db.getScan(requested).id);
      return requested;
    }
    const latest = this.db.latestScanId();
    if (latest === undefined) throw new UsageError('this engagement holds no scan yet: run a scan first');
    return latest;
  }

  /** The scan's model, built on first use. Concurrent callers share one build. */
  model(scanId: number): Promise<ScanModel> {
    let pending = this.models.get(scanId);
    if (!pending) {
      pending = this.build(scanId);
      this.models.set(scanId, pending);
      pending.catch(() => this.models.delete(scanId));
      while (this.models.size > MODEL_CACHE) {
        const oldest = this.models.keys().next().value;
        if (oldest === undefined) break;
        this.models.delete(oldest);
      }
    } else {
      // Most recently used last, so the cache drops the least recently used.
      this.models.delete(scanId);
      this.models.set(scanId, pending);
    }
    return pending;
  }

  /** Forget models (their assessment changed); the next read rebuilds them. */
  invalidateModels(): void {
    this.assessment.invalidate();
    this.models.clear();
  }

  close(): void {
    this.models.clear();
    this.assessment.close();
    this.reader.close();
    this.db.close();
  }

  private async build(scanId: number): Promise<ScanModel> {
    const scan = this.db.getScan(scanId);
    const assessment = await this.assessment.load(scanId);
    const credentials = this.reader.credentialList(scanId);
    const index = new IdentityIndex({
      identities: this.reader.identityList(scanId),
      credentials,
      grantCounts: this.reader.grantCounts(scanId),
      lastActivity: this.reader.lastActivity(scanId),
      ...(assessment ? { assessment: assessment.perIdentity } : {}),
    });
    index.warm();
    return { scan, index, credentials, assessment };
  }
}
