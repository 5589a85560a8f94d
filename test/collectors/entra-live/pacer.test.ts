/** Retry-After parsing, backoff and the keyCredentials budget, on a fake clock where it matters. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, Pacer, parseRetryAfter } from '../../../collectors/entra/live';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T10:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sun, 01 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    // A date already past means: go now.
    expect(parseRetryAfter('Sun, 01 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 8000 };
  it('doubles per attempt within half and all of the ceiling, and stops at the maximum', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
  });
});

describe('Pacer', () => {
  it('holds keyCredentials requests to the budget, counting each until it was answered', async () => {
    let clock = 0;
    const pacer = new Pacer({ keyCredentials: { requests: 2, windowMs: 30 }, now: () => clock });
    const a = await pacer.ready({ keyCredentials: true });
    const b = await pacer.ready({ keyCredentials: true });
    // Two in flight: a third waits even though no time passed; other requests do not wait.
    await pacer.ready();
    let third = false;
    const waiting = pacer.ready({ keyCredentials: true }).then((done) => {
      third = true;
      return done;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    clock = 100;
    a();
    b();
    // Answered at 100: the window runs to 130.
    await new Promise((r) => setTimeout(r, 70));
    expect(third).toBe(false);
    clock = 131;
    (await waiting)();
    expect(third).toBe(true);
    expect(pacer.keyCredentialWaitMs).toBeGreaterThan(0);
  });

  it('spaces request starts by the throttle percentage and relaxes again', () => {
    const pacer = new Pacer();
    pacer.observe('0.8');
    expect(pacer.currentSpacingMs).toBe(200);
    pacer.observe('1.0');
    expect(pacer.currentSpacingMs).toBe(1000);
    pacer.observe('1.8');
    expect(pacer.currentSpacingMs).toBe(2000);
    pacer.observe(null);
    expect(pacer.currentSpacingMs).toBe(1000);
    for (let i = 0; i < 7; i++) pacer.observe('0.5');
    expect(pacer.currentSpacingMs).toBe(0);
  });

  it('a Retry-After pause holds every request and ends on cancel', async () => {
    const pacer = new Pacer();
    pacer.pause(60_000);
    const controller = new AbortController();
    const waiting = pacer.ready({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toThrow('the scan was cancelled');
  });
});
