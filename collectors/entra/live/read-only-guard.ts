/**
 * Read-only by construction: every request the Graph client sends passes this check first, in the
 * client's middleware chain, before the token is attached and before anything leaves the process.
 * Only GET is allowed, plus POST to `$batch` when every request inside the batch is a GET with no
 * body. A coding mistake that builds a write fails here, loudly, and never reaches the tenant.
 */

export class ReadOnlyViolationError extends Error {
  override readonly name = 'ReadOnlyViolationError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly reason: string,
  ) {
    super(`refused ${method} ${url}: ${reason}; Agent Anchor only reads from Microsoft Graph (not sent)`);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return url;
  }
}

function isBatchPath(url: string): boolean {
  return /\/(v1\.0|beta)\/\$batch$/i.test(pathOf(url));
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return undefined;
}

/** Throws ReadOnlyViolationError unless the request only reads. */
export function assertReadOnlyRequest(method: string | undefined, url: string, body: unknown): void {
  const verb = (method ?? 'GET').toUpperCase();
  if (verb === 'GET') {
    if (body !== undefined && body !== null) throw new ReadOnlyViolationError(verb, url, 'a GET with a body');
    return;
  }
  if (verb !== 'POST' || !isBatchPath(url))
    throw new ReadOnlyViolationError(verb, url, `${verb} is not a read`);
  const text = bodyText(body);
  if (text === undefined)
    throw new ReadOnlyViolationError(verb, url, 'a $batch body that cannot be inspected');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReadOnlyViolationError(verb, url, 'a $batch body that is not JSON');
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw new ReadOnlyViolationError(verb, url, 'a $batch body without requests');
  for (const item of requests as unknown[]) {
    const sub = (item ?? {}) as { method?: unknown; url?: unknown; body?: unknown };
    const subMethod = typeof sub.method === 'string' ? sub.method.toUpperCase() : String(sub.method);
    const subUrl = typeof sub.url === 'string' ? sub.url : '';
    if (subMethod !== 'GET')
      throw new ReadOnlyViolationError(verb, url, `a $batch holding ${subMethod} ${subUrl || '(no url)'}`);
    if (sub.body !== undefined)
      throw new ReadOnlyViolationError(verb, url, `a $batch GET with a body (${subUrl})`);
    // Sub-request URLs are relative to the version root; an absolute URL could reach another service.
    if (!subUrl.startsWith('/') || subUrl.startsWith('//'))
      throw new ReadOnlyViolationError(
        verb,
        url,
        `a $batch request to a URL that is not relative: ${subUrl}`,
      );
  }
}
