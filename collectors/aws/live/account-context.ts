/**
 * One account being scanned: its clients, its raw data as it fills in, and how a failed area is
 * written down (a coverage note naming what was missed and why; the other areas carry on).
 */
import type { z } from 'zod';
import type { AreaNote, AwsAccountRaw, AwsLiveArea, AwsOptionalArea } from '../raw-schemas';
import { describeIssues } from '../../import/zod-issues';
import type { AwsClientFactory, AwsCredentials } from './clients';
import { AwsCallError, classifyAwsError, type CallSite } from './errors';
import type { AwsServiceKey } from './permissions';
import type { RegionalServices } from './partitions';
import type { AwsScanPhase, ScanRuntime } from './runtime';

export interface AccountScanSettings {
  /** The partition's IAM signing region. */
  iamRegion: string;
  regions: RegionalServices;
  lastAccessed: boolean;
  /** Items asked per GetAccountAuthorizationDetails page (IAM's maximum is 1000). */
  authPageSize: number;
  /** Polling of the credential report and last-accessed jobs: first wait and the cap. */
  pollFirstMs: number;
  pollMaxMs: number;
  /** Give up waiting for a report or job after this long. */
  pollTimeoutMs: number;
}

export type Area = AwsOptionalArea | AwsLiveArea | 'authorization-details';

export class AccountContext {
  readonly raw: AwsAccountRaw;
  /** Why the authorization details are missing or cut short (failed when no page was read). */
  readonly authProblems: string[] = [];
  cancelled = false;

  constructor(
    readonly runtime: ScanRuntime,
    readonly clients: AwsClientFactory,
    readonly accountId: string,
    readonly credentials: AwsCredentials,
    readonly settings: AccountScanSettings,
  ) {
    this.raw = { accountId, authDetails: [], areaNotes: {} };
  }

  site(service: AwsServiceKey, operation: string, region?: string): CallSite {
    return { service, operation, account: this.accountId, ...(region ? { region } : {}) };
  }

  client<K extends AwsServiceKey>(service: K, region: string) {
    return this.clients.client(service, this.accountId, region, this.credentials);
  }

  progress(phase: AwsScanPhase, count?: number, region?: string): void {
    this.runtime.progress({
      account: this.accountId,
      phase,
      ...(count !== undefined ? { count } : {}),
      ...(region ? { region } : {}),
    });
  }

  note(area: Exclude<Area, 'authorization-details'>, note: AreaNote): void {
    const notes = (this.raw.areaNotes ??= {});
    notes[area] = note;
  }

  /** The error of a whole area: cancelled, or failed with the reason. */
  failure(error: unknown, site: CallSite): AwsCallError {
    const e = classifyAwsError(error, site);
    if (e.kind === 'cancelled') this.cancelled = true;
    return e;
  }

  failArea(area: Area, error: unknown, site: CallSite): void {
    const e = this.failure(error, site);
    const message = e.kind === 'cancelled' ? 'not read: the scan was cancelled' : e.message;
    if (area === 'authorization-details') this.authProblems.push(message);
    else this.note(area, { status: 'failed', message });
  }
}

/**
 * Validates SDK output items one by one: a malformed item is left out and named, the rest are
 * kept (one odd policy document must not cost the whole page).
 */
export function validItems<T extends z.ZodType>(
  items: readonly unknown[] | undefined,
  schema: T,
  label: string,
  dropped: string[],
  offset = 0,
): z.output<T>[] {
  const out: z.output<T>[] = [];
  (items ?? []).forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else {
      const { where, problem } = describeIssues(r.error.issues);
      dropped.push(`${label}[${offset + i}]${where ? `.${where}` : ''}: ${problem}`);
    }
  });
  return out;
}

export function droppedMessage(dropped: readonly string[]): string | undefined {
  if (dropped.length === 0) return undefined;
  const head = dropped.slice(0, 5).join('; ');
  return `${dropped.length} malformed item${dropped.length === 1 ? '' : 's'} left out (${head}${dropped.length > 5 ? '; ...' : ''})`;
}
