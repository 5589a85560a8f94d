/**
 * SDK clients for one scan: every client is guarded (read-only allowlist), retries in the SDK's
 * adaptive mode (client-side rate limiting once throttled), sends through one shared HTTP handler
 * (keep-alive agents, the scan's limit on requests in flight), and honours the endpoint override.
 * Clients are cached per account, service and region.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createLimiter, type Limiter } from './limit';
import type { AwsServiceKey } from './permissions';
import { FastAwsQueryProtocol } from './query-protocol';
import { addReadOnlyGuard } from './read-only-guard';

/** Credentials as the SDK takes them: values, or a provider the SDK calls when it needs them. */
export interface AwsCredentialValues {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type AwsCredentials = AwsCredentialValues | (() => Promise<AwsCredentialValues>);

export interface ClientSettings {
  /** Endpoint override for every service (VPC endpoints, test servers, the emulator). */
  endpoint?: string;
  /** Attempts per call including the first (SDK retries with backoff in between). */
  maxAttempts: number;
  /** Per-request socket timeout. */
  requestTimeoutMs: number;
  /** Sockets per agent: at least the scan's request concurrency. */
  maxSockets: number;
  /** HTTP requests in flight at once for the whole scan (default: `maxSockets`). */
  limit?: Limiter;
}

/**
 * What a call hands to the SDK's `send` (ScanRuntime.call); the SDK passes these options on to
 * the HTTP handler untouched, which is where the extra fields are read.
 */
export interface WireOptions extends WireExtras {
  abortSignal?: AbortSignal;
}
interface WireExtras {
  /** Goes before queued normal requests: the next step of a chain others wait on (see Limiter). */
  urgent?: boolean;
  /** Called as each HTTP request of the call goes out, retries included. */
  onRequest?: () => void;
}

type HandlerOptions = NonNullable<Parameters<NodeHttpHandler['handle']>[1]>;
type HandlerResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** A response body read to its end (the SDK's deserializers take bytes as they take a stream). */
async function readAll(body: unknown): Promise<unknown> {
  if (!(body instanceof Readable)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The SDK's Node HTTP handler behind the scan's concurrency limit. A slot is held while a request
 * is on the wire, from sending it to the last byte of its response, and not while the SDK parses
 * the response or waits before a retry. Parsing and checking a large page is tens of milliseconds
 * of CPU; holding the slot through it left the other requests of the scan waiting on CPU work
 * instead of on the network, so a scan took far longer than its pages, concurrency and latency
 * allow. Every retry takes its own slot, so the limit counts real requests in flight.
 */
class LimitedHttpHandler {
  readonly metadata: NodeHttpHandler['metadata'];

  constructor(
    private readonly http: NodeHttpHandler,
    private readonly limit: Limiter,
  ) {
    this.metadata = http.metadata;
  }

  async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options: HandlerOptions = {},
  ): Promise<HandlerResult> {
    // The SDK hands over the options of `send` as they were given: a scan's calls add WireExtras.
    const wire: HandlerOptions & WireExtras = options;
    const { abortSignal } = options;
    const result = await this.limit(
      async () => {
        wire.onRequest?.();
        const out = await this.http.handle(request, options);
        out.response.body = await readAll(out.response.body);
        return out;
      },
      abortSignal instanceof AbortSignal ? abortSignal : undefined,
      wire.urgent === true,
    );
    // Responses that arrived meanwhile are taken in (their slots freed, the next requests sent)
    // before the SDK parses this one, which for a large page is a long stretch of CPU.
    await new Promise((resolve) => setImmediate(resolve));
    return result;
  }

  updateHttpClientConfig(...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>): void {
    this.http.updateHttpClientConfig(...args);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.http.httpHandlerConfigs();
  }

  destroy(): void {
    this.http.destroy();
  }
}

interface ServiceClients {
  iam: IAMClient;
  sts: STSClient;
  organizations: OrganizationsClient;
  'bedrock-agent': BedrockAgentClient;
  'bedrock-agentcore-control': BedrockAgentCoreControlClient;
  lambda: LambdaClient;
  'access-analyzer': AccessAnalyzerClient;
}

type ClientConfig = {
  region: string;
  credentials: AwsCredentials;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  requestHandler: LimitedHttpHandler;
};

/** Each constructor adds the guard to its client before anything can be sent through it. */
const CONSTRUCTORS: { [K in AwsServiceKey]: (config: ClientConfig) => ServiceClients[K] } = {
  iam: (c) => {
    // IAM's default protocol settings (the client fills them in), with the faster XML parser.
    const client = new IAMClient({ ...c, protocol: FastAwsQueryProtocol });
    addReadOnlyGuard(client, 'iam');
    return client;
  },
  sts: (c) => {
    const client = new STSClient(c);
    addReadOnlyGuard(client, 'sts');
    return client;
  },
  organizations: (c) => {
    const client = new OrganizationsClient(c);
    addReadOnlyGuard(client, 'organizations');
    return client;
  },
  'bedrock-agent': (c) => {
    const client = new BedrockAgentClient(c);
    addReadOnlyGuard(client, 'bedrock-agent');
    return client;
  },
  'bedrock-agentcore-control': (c) => {
    const client = new BedrockAgentCoreControlClient(c);
    addReadOnlyGuard(client, 'bedrock-agentcore-control');
    return client;
  },
  lambda: (c) => {
    const client = new LambdaClient(c);
    addReadOnlyGuard(client, 'lambda');
    return client;
  },
  'access-analyzer': (c) => {
    const client = new AccessAnalyzerClient(c);
    addReadOnlyGuard(client, 'access-analyzer');
    return client;
  },
};

/** Creates and caches guarded clients; `close()` ends every connection of the scan. */
export class AwsClientFactory {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly requestHandler: LimitedHttpHandler;
  private readonly cache = new Map<string, unknown>();

  constructor(readonly settings: ClientSettings) {
    // The SDK warns on stderr on Node 20 (supported by this app until the SDK drops it): the CLI
    // keeps stderr for progress and errors.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: settings.maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: settings.maxSockets });
    this.requestHandler = new LimitedHttpHandler(
      new NodeHttpHandler({
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        requestTimeout: settings.requestTimeoutMs,
        connectionTimeout: settings.requestTimeoutMs,
      }),
      settings.limit ?? createLimiter(settings.maxSockets),
    );
  }

  /**
   * A guarded client of `service` for credentials `scope` (a key naming whose credentials they
   * are, e.g. the account id) in `region`.
   */
  client<K extends AwsServiceKey>(
    service: K,
    scope: string,
    region: string,
    credentials: AwsCredentials,
  ): ServiceClients[K] {
    const key = `${service}\u0000${scope}\u0000${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached as ServiceClients[K];
    const client = CONSTRUCTORS[service]({
      region,
      credentials,
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
      maxAttempts: this.settings.maxAttempts,
      retryMode: 'adaptive',
      requestHandler: this.requestHandler,
    });
    this.cache.set(key, client);
    return client;
  }

  close(): void {
    // Clients share the handler and its agents, so they are destroyed once here rather than per client.
    this.cache.clear();
    this.requestHandler.destroy();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
