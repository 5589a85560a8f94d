/**
 * An in-process HTTP server on 127.0.0.1 that answers the real AWS SDK clients (endpoint override,
 * any static credentials) for the read operations Agent Anchor uses. It tells the service, region
 * and caller from the SigV4 Authorization header (as a regional endpoint would know them), records
 * every request before anything else happens, and injects faults on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorTuning, Handler, RequestContext } from './context';
import { FaultInjector } from './faults';
import {
  accessDenied,
  EmulatorError,
  errorResponse,
  regionDisabled,
  serverError,
  throttleError,
  type EmulatorResponse,
  type Protocol,
} from './protocols';
import { IAM_HANDLERS, prerenderAuthorizationDetails } from './services/iam';
import { ORGANIZATIONS_HANDLERS } from './services/organizations';
import { matchRoute } from './services/regional';
import { STS_HANDLERS } from './services/sts';
import { EmulatorState } from './state';
import type { AwsEmulatorSeed, FaultRule, RecordedRequest } from './types';

/** SigV4 signing name -> service key and protocol. */
const SERVICES: Record<string, { key: string; protocol: Protocol; regional: boolean }> = {
  iam: { key: 'iam', protocol: 'query', regional: false },
  sts: { key: 'sts', protocol: 'query', regional: false },
  organizations: { key: 'organizations', protocol: 'json', regional: false },
  bedrock: { key: 'bedrock-agent', protocol: 'rest-json', regional: true },
  'bedrock-agentcore': { key: 'bedrock-agentcore-control', protocol: 'rest-json', regional: true },
  lambda: { key: 'lambda', protocol: 'rest-json', regional: true },
  'access-analyzer': { key: 'access-analyzer', protocol: 'rest-json', regional: true },
};

const QUERY_HANDLERS: Record<string, Record<string, Handler>> = { iam: IAM_HANDLERS, sts: STS_HANDLERS };

const MAX_BODY_BYTES = 1024 * 1024;

/** The static credentials the emulator accepts for its seeded caller (fake: nothing is verified). */
export const EMULATOR_SECRET_ACCESS_KEY = 'emulator-secret-not-checked';

export interface AwsEmulatorOptions {
  /**
   * Time from a request's arrival to its response, in ms, the emulator's own work included (the
   * bench uses 50: a far region). Slow-response faults add to it.
   */
  latencyMs?: number;
  faults?: FaultRule[];
  /** Seed of chance-based faults. */
  faultSeed?: number;
  tuning?: Partial<EmulatorTuning>;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /**
   * Render the IAM XML of every account at start instead of on first request, so the server's own
   * work is not counted in a measurement of the client (AWS does not run on the client's CPU).
   */
  prerender?: boolean;
}

export interface AwsEmulator {
  /** `http://127.0.0.1:<port>`: give it to the SDK clients as the endpoint. */
  readonly endpoint: string;
  /** Regions the regional services answer in. */
  readonly regions: readonly string[];
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  readonly faults: FaultInjector;
  latencyMs: number;
  readonly state: EmulatorState;
  close(): Promise<void>;
}

interface SigV4Scope {
  accessKeyId: string;
  region: string;
  signingName: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, SignedHeaders=..., Signature=...` */
export function parseAuthorization(header: string | undefined): SigV4Scope | undefined {
  const m = /Credential=([^/\s,]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/.exec(header ?? '');
  if (!m) return undefined;
  return { accessKeyId: m[1] ?? '', region: m[2] ?? '', signingName: m[3] ?? '' };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EmulatorError(413, 'RequestEntityTooLarge', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    throw new EmulatorError(400, 'SerializationException', 'request body is not JSON');
  }
}

function accountOfRoleArn(arn: string | null): string | undefined {
  return /^arn:[\w-]+:iam::(\d{12}):role\//.exec(arn ?? '')?.[1];
}

export async function startAwsEmulator(
  seed: AwsEmulatorSeed,
  options: AwsEmulatorOptions = {},
): Promise<AwsEmulator> {
  const state = new EmulatorState(seed);
  if (options.prerender)
    for (const account of state.accounts.values()) prerenderAuthorizationDetails(account);
  const faults = new FaultInjector(options.faultSeed ?? 1);
  faults.set(options.faults ?? []);
  const tuning: EmulatorTuning = {
    credentialReportDelayMs: 0,
    credentialReportPolls: 0,
    lastAccessedDelayMs: 0,
    lastAccessedPolls: 0,
    ...options.tuning,
  };
  const requests: RecordedRequest[] = [];
  const startedAt = performance.now();

  const emulator: AwsEmulator & { endpoint: string; close: () => Promise<void> } = {
    endpoint: '',
    regions: [...seed.regions],
    credentials: { accessKeyId: seed.caller.accessKeyId, secretAccessKey: EMULATOR_SECRET_ACCESS_KEY },
    requests,
    faults,
    latencyMs: options.latencyMs ?? 0,
    state,
    close: async () => {},
  };

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const scope = parseAuthorization(req.headers.authorization);
    const service = scope ? SERVICES[scope.signingName] : undefined;
    const key = service?.key ?? scope?.signingName ?? 'unknown';
    const protocol: Protocol = service?.protocol ?? 'rest-json';
    const caller = scope ? state.principals.get(scope.accessKeyId) : undefined;
    const record: RecordedRequest = {
      seq: requests.length + 1,
      service: key,
      action: 'unknown',
      ...(caller ? { account: caller.account } : {}),
      ...(scope ? { region: scope.region } : {}),
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 0,
      receivedAt: Math.round(performance.now() - startedAt),
      ms: 0,
    };
    const arrived = performance.now();
    requests.push(record);
    // The response leaves `latencyMs` (plus any slow-response fault) after the request arrived,
    // the emulator's own work included, as a far region's would: the work of rendering one large
    // page must not make the responses of other requests late.
    let due = arrived + emulator.latencyMs;

    let response: EmulatorResponse;
    try {
      const text = await readBody(req);
      let params = url.searchParams;
      let body: Record<string, unknown> = {};
      let pathParams: Record<string, string> = {};
      let handler: Handler | undefined;
      if (protocol === 'query') {
        params = new URLSearchParams(text);
        record.action = params.get('Action') ?? 'unknown';
        handler = QUERY_HANDLERS[key]?.[record.action];
      } else if (protocol === 'json') {
        const target = String(req.headers['x-amz-target'] ?? '');
        record.action = target.slice(target.indexOf('.') + 1) || 'unknown';
        handler = ORGANIZATIONS_HANDLERS[record.action];
      } else {
        const match = matchRoute(key, record.method, url.pathname);
        if (match) {
          record.action = match.route.operation;
          handler = match.route.handler;
          pathParams = match.params;
        }
      }

      const actedOn =
        record.action === 'AssumeRole' ? accountOfRoleArn(params.get('RoleArn')) : caller?.account;
      const fired = faults.check({
        action: `${key}:${record.action}`,
        account: actedOn,
        region: scope?.region,
      });
      due += fired.delayMs;
      if (fired.fault === 'drop') {
        await sleepUntil(due);
        // The connection goes away mid-request, as a broken proxy or NAT would do it.
        record.ms = Math.round(performance.now() - arrived);
        req.socket.destroy();
        return;
      }

      if (!scope)
        throw new EmulatorError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      if (!service)
        throw new EmulatorError(400, 'UnknownService', `the emulator does not speak ${scope.signingName}`);
      if (!caller) {
        throw protocol === 'query'
          ? new EmulatorError(
              403,
              'InvalidClientTokenId',
              'The security token included in the request is invalid.',
            )
          : new EmulatorError(
              403,
              'UnrecognizedClientException',
              'The security token included in the request is invalid.',
            );
      }
      if (caller.sessionToken !== undefined) {
        if (req.headers['x-amz-security-token'] !== caller.sessionToken) {
          throw new EmulatorError(
            403,
            'InvalidClientTokenId',
            'The security token included in the request is invalid.',
          );
        }
        if (caller.expiresAt !== undefined && Date.now() > caller.expiresAt) {
          throw new EmulatorError(
            400,
            'ExpiredToken',
            'The security token included in the request is expired',
          );
        }
      }
      const account = state.accounts.get(caller.account);
      switch (fired.fault) {
        case 'throttle':
          throw throttleError(key);
        case 'server-error':
          throw serverError(key);
        case 'access-denied': {
          const resource = record.action === 'AssumeRole' ? (params.get('RoleArn') ?? '*') : '*';
          throw accessDenied(key, caller.arn, `${signingPrefix(key)}:${record.action}`, resource);
        }
        case 'region-disabled':
          throw regionDisabled(key, actedOn ?? caller.account, scope.region);
        default:
          break;
      }
      if (
        service.regional &&
        (!seed.regions.includes(scope.region) || account?.data.disabledRegions?.includes(scope.region))
      ) {
        throw regionDisabled(key, caller.account, scope.region);
      }
      if (!handler) {
        throw protocol === 'query'
          ? new EmulatorError(400, 'InvalidAction', `Could not find operation ${record.action} for version`)
          : new EmulatorError(
              404,
              'UnknownOperationException',
              `Unknown operation ${record.method} ${url.pathname}`,
            );
      }
      if (protocol !== 'query') body = parseJsonBody(text);
      const ctx: RequestContext = {
        service: key,
        operation: record.action,
        region: scope.region,
        caller,
        account,
        params,
        body,
        pathParams,
        state,
        tuning,
      };
      response = await handler(ctx);
    } catch (e) {
      const error =
        e instanceof EmulatorError
          ? e
          : new EmulatorError(500, 'InternalFailure', e instanceof Error ? e.message : String(e));
      response = errorResponse(protocol, key, error);
    }
    await sleepUntil(due);
    record.status = response.status;
    record.ms = Math.round(performance.now() - arrived);
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(response.body);
  }

  const server = createServer((req, res) => {
    respond(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  emulator.endpoint = `http://127.0.0.1:${port}`;
  emulator.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return emulator;
}

async function sleepUntil(due: number): Promise<void> {
  const ms = due - performance.now();
  if (ms > 0) await sleep(ms);
}

/** The IAM action prefix of a service, for AccessDenied messages. */
function signingPrefix(key: string): string {
  if (key === 'bedrock-agent') return 'bedrock';
  if (key === 'bedrock-agentcore-control') return 'bedrock-agentcore';
  return key;
}
