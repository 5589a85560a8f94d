/**
 * Long work (scans, the demo, exports) as operations: started with an id, run without the caller
 * waiting, observed by polling, cancelled through an AbortSignal. Progress events are folded into
 * one compact state per source and account, so a poll costs the same whether the work sent ten
 * events or a hundred thousand.
 */
import { randomUUID } from 'node:crypto';
import type { AccountProgress, OperationKind, OperationState, SourceProgress } from '../model/api';
import { UsageError } from '../model/errors';
import type { ProgressEvent } from './progress';

/** Events kept for the log under the progress bars. */
const RECENT_EVENTS = 40;
/** Finished operations kept for polling; older ones are forgotten. */
const KEEP_FINISHED = 20;

export type OperationResult = NonNullable<OperationState['result']>;

export interface OperationContext {
  readonly signal: AbortSignal;
  progress(event: ProgressEvent): void;
  /** Show a device code (or similar) the user must act on. */
  prompt(prompt: NonNullable<OperationState['prompt']>): void;
}

export type OperationWork = (ctx: OperationContext) => Promise<OperationResult>;

interface Entry {
  state: OperationState;
  controller: AbortController;
  sources: Map<string, SourceProgress & { accountMap: Map<string, AccountProgress> }>;
  /** Private data a host keeps with the operation (an export's file path). */
  attachment?: unknown;
  done: Promise<void>;
}

const SCAN_PREFIXES: { prefix: string; key: string; label: string }[] = [
  { prefix: 'scan demo entra', key: 'demo-entra', label: 'Demo organization: Entra ID' },
  { prefix: 'scan demo', key: 'demo-aws', label: 'Demo organization: AWS' },
  { prefix: 'scan aws', key: 'aws', label: 'AWS' },
  { prefix: 'scan entra', key: 'entra', label: 'Entra ID' },
];

/**
 * Which source a progress phase belongs to, and how the UI names it. Scan phases are
 * `scan <source>[ <collector phase>]`, e.g. `scan demo authorization-details`.
 */
export function sourceOfPhase(phase: string): { key: string; label: string; subPhase?: string } {
  for (const { prefix, key, label } of SCAN_PREFIXES) {
    if (phase === prefix) return { key, label };
    if (phase.startsWith(`${prefix} `)) return { key, label, subPhase: phase.slice(prefix.length + 1) };
  }
  if (phase.startsWith('store ')) return { key: 'store', label: 'Saving to the engagement file' };
  if (phase === 'assess') return { key: 'assess', label: 'Assessment' };
  if (phase === 'generate') return { key: 'generate', label: 'Demo tenant' };
  if (phase === 'read' || phase === 'transform') return { key: 'import', label: 'Reading files' };
  if (phase === 'export') return { key: 'export', label: 'Export' };
  return { key: phase, label: phase.charAt(0).toUpperCase() + phase.slice(1) };
}

const AWS_ACCOUNT = /^\d{12}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** An AWS detail `<account> [phase] [region] [count]`, or undefined when it names no account. */
export function parseAwsDetail(
  detail: string,
  subPhase: string | undefined,
): { account: string; phase: string; region?: string; count?: number } | undefined {
  const tokens = detail.split(/\s+/).filter(Boolean);
  const account = tokens[0];
  if (account === undefined || !AWS_ACCOUNT.test(account)) return undefined;
  let phase = subPhase ?? '';
  let region: string | undefined;
  let count: number | undefined;
  for (const token of tokens.slice(1)) {
    if (AWS_REGION.test(token)) region = token;
    else if (/^\d+$/.test(token)) count = Number(token);
    else if (phase === '') phase = token;
  }
  return {
    account,
    phase,
    ...(region !== undefined ? { region } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

export class OperationRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Start `work` now; returns its id at once. Errors end the operation as failed, never thrown. */
  start(kind: OperationKind, title: string, work: OperationWork, attachment?: unknown): string {
    const id = randomUUID();
    const controller = new AbortController();
    const entry: Entry = {
      state: {
        id,
        kind,
        title,
        status: 'running',
        startedAt: new Date().toISOString(),
        sources: [],
        recent: [],
      },
      controller,
      sources: new Map(),
      attachment,
      done: Promise.resolve(),
    };
    this.entries.set(id, entry);
    const ctx: OperationContext = {
      signal: controller.signal,
      progress: (event) => this.record(entry, event),
      prompt: (prompt) => {
        entry.state.prompt = prompt;
      },
    };
    // Started on the next turn, so the id is returned before any synchronous part of the work runs.
    entry.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(ctx))
      .then(
        (result) => {
          entry.state.result = result;
          entry.state.status = controller.signal.aborted ? 'cancelled' : 'succeeded';
        },
        (error: unknown) => {
          entry.state.status = controller.signal.aborted ? 'cancelled' : 'failed';
          entry.state.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        entry.state.finishedAt = new Date().toISOString();
        delete entry.state.prompt;
        for (const source of entry.sources.values()) {
          for (const account of source.accountMap.values()) {
            if (account.state === 'running') account.state = 'done';
          }
        }
        this.prune();
      });
    return id;
  }

  /** The operation's state as the API returns it. Throws for an unknown id. */
  get(id: string): OperationState {
    const entry = this.entries.get(id);
    if (!entry) throw unknownOperation(id);
    return snapshot(entry);
  }

  attachmentOf(id: string): unknown {
    return this.entries.get(id)?.attachment;
  }

  setAttachment(id: string, attachment: unknown): void {
    const entry = this.entries.get(id);
    if (entry) entry.attachment = attachment;
  }

  cancel(id: string): OperationState {
    const entry = this.entries.get(id);
    if (!entry) throw unknownOperation(id);
    if (entry.state.status === 'running') entry.controller.abort();
    return snapshot(entry);
  }

  /** Ids of operations still running. */
  running(): string[] {
    return [...this.entries.values()].filter((e) => e.state.status === 'running').map((e) => e.state.id);
  }

  /** Resolves when the operation has ended (tests, shutdown). */
  async settled(id: string): Promise<OperationState> {
    const entry = this.entries.get(id);
    if (!entry) throw unknownOperation(id);
    await entry.done;
    return snapshot(entry);
  }

  /** Cancel everything still running and wait for it to stop. */
  async shutdown(): Promise<void> {
    const pending = [...this.entries.values()].filter((e) => e.state.status === 'running');
    for (const entry of pending) entry.controller.abort();
    await Promise.all(pending.map((e) => e.done));
  }

  private record(entry: Entry, event: ProgressEvent): void {
    const origin =
      entry.state.kind === 'export' && event.phase === 'read'
        ? { key: 'read', label: 'Reading the scan' }
        : sourceOfPhase(event.phase);
    const { key, label } = origin;
    let source = entry.sources.get(key);
    if (!source) {
      source = { key, label, detail: '', events: 0, accounts: [], accountMap: new Map() };
      entry.sources.set(key, source);
    }
    source.events += 1;
    entry.state.current = key;
    source.detail = describeEvent(origin.subPhase, event.detail) ?? source.detail;
    if (event.done !== undefined) source.done = event.done;
    if (event.total !== undefined) source.total = event.total;
    updateAccount(source.accountMap, origin, event);
    const recent = entry.state.recent;
    recent.push({
      at: new Date().toISOString(),
      phase: event.phase,
      ...(event.detail !== undefined ? { detail: event.detail } : {}),
    });
    if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.state.status !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.entries.delete(entry.state.id);
    }
  }
}

/** AWS details name an account; an Entra source reads one tenant, its detail is the endpoint. */
function updateAccount(
  accounts: Map<string, AccountProgress>,
  source: { key: string; subPhase?: string },
  event: ProgressEvent,
): void {
  const detail = event.detail ?? '';
  const aws = parseAwsDetail(detail, source.subPhase);
  if (aws) {
    const previous = accounts.get(aws.account);
    const finished = aws.phase === 'account-done' || aws.phase === 'account-failed';
    accounts.set(aws.account, {
      account: aws.account,
      phase: finished ? (previous?.phase ?? aws.phase) : aws.phase,
      ...(aws.count !== undefined
        ? { count: aws.count }
        : previous?.count !== undefined
          ? { count: previous.count }
          : {}),
      state:
        aws.phase === 'account-failed'
          ? 'failed'
          : aws.phase === 'account-done'
            ? 'done'
            : previous?.state === 'failed'
              ? 'failed'
              : 'running',
    });
    return;
  }
  if ((source.key === 'entra' || source.key === 'demo-entra') && detail !== '' && !detail.includes(' ')) {
    // One tenant per Entra source: its row shows the endpoint being read and the items so far.
    accounts.set('tenant', {
      account: 'tenant',
      phase: detail,
      ...(event.done !== undefined ? { count: event.done } : {}),
      state: 'running',
    });
  }
}

function describeEvent(subPhase: string | undefined, detail: string | undefined): string | undefined {
  if (subPhase === undefined) return detail;
  return detail !== undefined && detail !== '' ? `${subPhase}: ${detail}` : subPhase;
}

function snapshot(entry: Entry): OperationState {
  const sources = [...entry.sources.values()].map(({ accountMap, ...source }) => ({
    ...source,
    accounts: [...accountMap.values()],
  }));
  return structuredClone({ ...entry.state, sources });
}

function unknownOperation(id: string): UsageError {
  return new UsageError(`no operation ${id} (it ended long ago or never existed)`);
}
