/**
 * SDK clients for one scan: every client is guarded (read-only allowlist), retries in the SDK's
 * adaptive mode (client-side rate limiting once throttled), shares one pair of keep-alive HTTP
 * agents, and honours the endpoint override. Clients are cached per account, service and region.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsServiceKey } from './permissions';
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
  requestHandler: {
    httpAgent: HttpAgent;
    httpsAgent: HttpsAgent;
    requestTimeout: number;
    connectionTimeout: number;
  };
};

/** Each constructor adds the guard to its client before anything can be sent through it. */
const CONSTRUCTORS: { [K in AwsServiceKey]: (config: ClientConfig) => ServiceClients[K] } = {
  iam: (c) => {
    const client = new IAMClient(c);
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
  private readonly cache = new Map<string, unknown>();

  constructor(readonly settings: ClientSettings) {
    // The SDK warns on stderr on Node 20 (supported by this app until the SDK drops it): the CLI
    // keeps stderr for progress and errors.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: settings.maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: settings.maxSockets });
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
      requestHandler: {
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        requestTimeout: this.settings.requestTimeoutMs,
        connectionTimeout: this.settings.requestTimeoutMs,
      },
    });
    this.cache.set(key, client);
    return client;
  }

  close(): void {
    // Clients share the agents, so they are destroyed once here rather than per client.
    this.cache.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
