/**
 * The Microsoft identity platform endpoints @azure/identity (MSAL) calls, enough for the real
 * credential classes to sign in against the emulator: OpenID discovery, the token endpoint for
 * client credentials (client secret or certificate-signed client assertion), the device code flow
 * and the authorization code flow with PKCE (the authorize endpoint a browser is sent to, and the
 * code's redemption). Issued tokens are random opaque strings the Graph side then accepts.
 */
import {
  constants,
  createHash,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  verify,
  X509Certificate,
} from 'node:crypto';
import type { EmulatedClient, InteractiveSignInAnswer } from './types';

export interface OAuthAnswer {
  status: number;
  body: unknown;
  /** Set for a redirect (302) of the browser, e.g. back to the app's redirect URI. */
  location?: string;
}

/** Authorization codes live about ten minutes on the identity platform. */
const CODE_LIFETIME_MS = 10 * 60_000;

function errorText(description: string): string {
  return `${description}\r\nTrace ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`;
}

function oauthError(error: string, description: string, status = 400): OAuthAnswer {
  // The AADSTS number leads the description; error_codes repeats it, as the identity platform does.
  const code = /^AADSTS(\d+)/.exec(description)?.[1];
  return {
    status,
    body: {
      error,
      error_description: errorText(description),
      error_codes: code ? [Number(code)] : [],
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

interface AuthCodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  nonce?: string;
  expiresAt: number;
}

/**
 * A redirect URI the emulated public client may use: a loopback address over http, any port, as the
 * identity platform allows for desktop apps registered with `http://localhost`.
 */
function loopbackRedirect(value: string): URL | undefined {
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback && !url.hash ? url : undefined;
  } catch {
    return undefined;
  }
}

function redirectTo(target: URL, params: Record<string, string | undefined>): OAuthAnswer {
  const url = new URL(target.href);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, body: undefined, location: url.href };
}

/** RFC 7636: S256 is BASE64URL(SHA256(verifier)); `plain` (the default) compares them as they are. */
function pkceMatches(verifier: string, challenge: string, method: string | undefined): boolean {
  const derived =
    method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return sameSecret(derived, challenge);
}

export class OAuthEndpoints {
  private readonly tokens = new Set<string>();
  private readonly deviceCodes = new Map<string, { clientId: string; polls: number }>();
  private readonly authCodes = new Map<string, AuthCodeGrant>();
  /** Codes redeemed already: a second redemption gets its own error, as on the identity platform. */
  private readonly redeemedCodes = new Set<string>();

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
    if (grant === 'authorization_code') return this.codeToken(form);
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
    return this.issueForUser(entry.clientId, form.get('scope') ?? '');
  }

  /** A delegated sign-in's answer: access token, the signed-in user's ID token and client_info. */
  private issueForUser(clientId: string, scope: string, nonce?: string): OAuthAnswer {
    const now = Math.floor(Date.now() / 1000);
    const userId = randomUUID();
    const idToken = [
      b64json({ typ: 'JWT', alg: 'none' }),
      b64json({
        aud: clientId,
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
        ...(nonce ? { nonce } : {}),
      }),
      '',
    ].join('.');
    return this.issue({
      scope,
      id_token: idToken,
      client_info: b64json({ uid: userId, utid: this.tenantId }),
    });
  }

  /**
   * The authorize endpoint a browser is sent to (GET, `response_mode=query`). The emulated user is
   * signed in already and either consents, so the browser is redirected to `redirect_uri` with a
   * `code` and the `state`, or declines, so it is redirected with `error=access_denied`. A request
   * without a client id, or with a redirect URI a desktop app cannot have registered, gets an error
   * page: the identity platform never redirects to a URI it has not matched to the app.
   */
  authorize(query: URLSearchParams, answer: InteractiveSignInAnswer): OAuthAnswer {
    const clientId = query.get('client_id') ?? '';
    if (!clientId)
      return oauthError(
        'invalid_request',
        "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
      );
    const redirectUri = query.get('redirect_uri') ?? '';
    const target = loopbackRedirect(redirectUri);
    if (!target)
      return oauthError(
        'invalid_request',
        `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
      );
    const state = query.get('state') ?? undefined;
    const fail = (error: string, description: string) =>
      redirectTo(target, { error, error_description: errorText(description), state });
    const responseMode = query.get('response_mode') ?? 'query';
    if (responseMode !== 'query')
      return oauthError(
        'invalid_request',
        `The emulator answers response_mode=query only, got '${responseMode}'.`,
      );
    const responseType = query.get('response_type') ?? '';
    if (responseType !== 'code')
      return fail(
        'unsupported_response_type',
        `AADSTS70005: response_type '${responseType}' is not enabled for the application.`,
      );
    const scope = query.get('scope') ?? '';
    if (!scope.trim())
      return fail(
        'invalid_request',
        "AADSTS900144: The request body must contain the following parameter: 'scope'.",
      );
    const codeChallenge = query.get('code_challenge') ?? undefined;
    const codeChallengeMethod = query.get('code_challenge_method') ?? undefined;
    if (
      codeChallengeMethod !== undefined &&
      codeChallengeMethod !== 'S256' &&
      codeChallengeMethod !== 'plain'
    )
      return fail(
        'invalid_request',
        `Invalid code_challenge_method '${codeChallengeMethod}': S256 or plain.`,
      );
    if (codeChallengeMethod !== undefined && !codeChallenge)
      return fail('invalid_request', 'code_challenge_method was given without code_challenge.');
    if (answer === 'deny')
      return fail('access_denied', 'AADSTS65004: User declined to consent to access the app.');
    const code = randomBytes(32).toString('base64url');
    const nonce = query.get('nonce') ?? undefined;
    this.authCodes.set(code, {
      clientId,
      redirectUri,
      scope,
      ...(codeChallenge ? { codeChallenge } : {}),
      ...(codeChallengeMethod ? { codeChallengeMethod } : {}),
      ...(nonce ? { nonce } : {}),
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    return redirectTo(target, { code, state });
  }

  /** The authorization_code grant: a code from `authorize` redeemed once, PKCE checked. */
  private codeToken(form: URLSearchParams): OAuthAnswer {
    const code = form.get('code') ?? '';
    const grant = this.authCodes.get(code);
    if (!grant)
      return this.redeemedCodes.has(code)
        ? oauthError('invalid_grant', 'AADSTS54005: OAuth2 Authorization code was already redeemed.')
        : oauthError('invalid_grant', 'AADSTS9002313: Invalid request. Request is malformed or invalid.');
    // One redemption only, whatever its outcome: a code that leaked cannot be tried again.
    this.authCodes.delete(code);
    this.redeemedCodes.add(code);
    if (grant.expiresAt < Date.now())
      return oauthError(
        'invalid_grant',
        'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      );
    if (form.get('client_id') !== grant.clientId)
      return oauthError(
        'invalid_grant',
        'AADSTS700005: Provided Authorization Code is intended to use against other tenant or app.',
      );
    if (form.get('redirect_uri') !== grant.redirectUri)
      return oauthError(
        'invalid_grant',
        'AADSTS500112: The reply address does not match the reply address provided when requesting Authorization code.',
      );
    if (grant.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (!verifier)
        return oauthError(
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'code_verifier'.",
        );
      if (!pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod))
        return oauthError(
          'invalid_grant',
          'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        );
    }
    return this.issueForUser(grant.clientId, form.get('scope') ?? grant.scope, grant.nonce);
  }
}
