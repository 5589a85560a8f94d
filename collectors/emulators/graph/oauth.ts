/**
 * The Microsoft identity platform endpoints @azure/identity (MSAL) calls, enough for the real
 * credential classes to sign in against the emulator: OpenID discovery, the token endpoint for
 * client credentials (client secret or certificate-signed client assertion) and the device code
 * flow. Issued tokens are random opaque strings the Graph side then accepts.
 */
import { constants, randomBytes, randomUUID, timingSafeEqual, verify, X509Certificate } from 'node:crypto';
import type { EmulatedClient } from './types';

export interface OAuthAnswer {
  status: number;
  body: unknown;
}

function oauthError(error: string, description: string, status = 400): OAuthAnswer {
  return {
    status,
    body: {
      error,
      error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
      error_codes: [status === 401 ? 7000215 : 900144],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class OAuthEndpoints {
  private readonly tokens = new Set<string>();
  private readonly deviceCodes = new Map<string, { clientId: string; polls: number }>();

  constructor(
    private readonly tenantId: string,
    private readonly clients: readonly EmulatedClient[],
    private readonly approvedAfterPolls: number,
    accepted: readonly string[],
  ) {
    for (const t of accepted) this.tokens.add(t);
  }

  accepts(token: string): boolean {
    return this.tokens.has(token);
  }

  openIdConfiguration(origin: string, tenant: string): unknown {
    const base = `${origin}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${origin}/${this.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'name', 'preferred_username'],
      tenant_region_scope: 'NA',
      cloud_instance_name: new URL(origin).host,
      cloud_graph_host_name: new URL(origin).host,
      msgraph_host: new URL(origin).host,
    };
  }

  private issue(extra: Record<string, unknown> = {}): OAuthAnswer {
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.add(accessToken);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
        ...extra,
      },
    };
  }

  deviceCode(origin: string, form: URLSearchParams): OAuthAnswer {
    const clientId = form.get('client_id') ?? '';
    if (!clientId)
      return oauthError(
        'invalid_request',
        "AADSTS900144: The request body must contain the 'client_id' parameter.",
      );
    const deviceCode = randomBytes(24).toString('base64url');
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    this.deviceCodes.set(deviceCode, { clientId, polls: 0 });
    const verificationUri = `${origin}/devicelogin`;
    return {
      status: 200,
      body: {
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: verificationUri,
        expires_in: 900,
        interval: 1,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  token(form: URLSearchParams, tokenEndpoint: string): OAuthAnswer {
    const grant = form.get('grant_type');
    // RFC 8628 names the grant with a URN; MSAL sends the short form.
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code' || grant === 'device_code')
      return this.deviceToken(form);
    if (grant !== 'client_credentials')
      return oauthError(
        'unsupported_grant_type',
        `AADSTS70003: The app requested an unsupported grant type '${grant ?? ''}'.`,
      );
    const clientId = form.get('client_id') ?? '';
    const client = this.clients.find((c) => c.clientId === clientId);
    if (!client)
      return oauthError(
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      );
    const secret = form.get('client_secret');
    if (secret !== null) {
      if (client.secret !== undefined && sameSecret(secret, client.secret)) return this.issue();
      return oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided.', 401);
    }
    const assertion = form.get('client_assertion');
    if (assertion !== null && client.certificatePem) {
      const problem = this.checkAssertion(assertion, client, tokenEndpoint);
      return problem ? oauthError('invalid_client', `AADSTS700027: ${problem}`, 401) : this.issue();
    }
    return oauthError('invalid_client', 'AADSTS7000216: client_assertion or client_secret is required.', 401);
  }

  private checkAssertion(
    assertion: string,
    client: EmulatedClient,
    tokenEndpoint: string,
  ): string | undefined {
    const parts = assertion.split('.');
    if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return 'Client assertion is not a JWT.';
    let header: { alg?: string };
    let claims: { aud?: unknown; iss?: unknown; sub?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return 'Client assertion is not a JWT.';
    }
    const key = new X509Certificate(client.certificatePem ?? '').publicKey;
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], 'base64url');
    let valid = false;
    if (header.alg === 'RS256') valid = verify('sha256', data, key, signature);
    else if (header.alg === 'PS256')
      valid = verify(
        'sha256',
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        signature,
      );
    else return `Unsupported signing algorithm ${String(header.alg)}.`;
    if (!valid) return 'Client assertion contains an invalid signature.';
    if (claims.iss !== client.clientId || claims.sub !== client.clientId)
      return 'Client assertion issuer and subject must be the client id.';
    if (claims.aud !== tokenEndpoint) return `Client assertion audience must be ${tokenEndpoint}.`;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
      return 'Client assertion has expired.';
    return undefined;
  }

  private deviceToken(form: URLSearchParams): OAuthAnswer {
    const code = form.get('device_code') ?? '';
    const entry = this.deviceCodes.get(code);
    if (!entry) return oauthError('expired_token', 'AADSTS70019: Verification code expired.');
    entry.polls++;
    if (entry.polls < this.approvedAfterPolls)
      return oauthError(
        'authorization_pending',
        'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
      );
    this.deviceCodes.delete(code);
    const now = Math.floor(Date.now() / 1000);
    const userId = randomUUID();
    const idToken = [
      b64json({ typ: 'JWT', alg: 'none' }),
      b64json({
        aud: entry.clientId,
        iss: `https://login.microsoftonline.com/${this.tenantId}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        name: 'Emulated Reader',
        oid: userId,
        preferred_username: 'reader@emulated.example',
        sub: userId,
        tid: this.tenantId,
        ver: '2.0',
      }),
      '',
    ].join('.');
    return this.issue({
      scope: form.get('scope') ?? '',
      id_token: idToken,
      client_info: b64json({ uid: userId, utid: this.tenantId }),
    });
  }
}
