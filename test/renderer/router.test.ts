import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../renderer/src/router';

describe('routes in the URL fragment', () => {
  it('reads the view and its parameters, never the token', () => {
    expect(parseRoute('#token=Zx9-abc&view=inventory&agent=yes,likely&q=bedrock')).toEqual({
      view: 'inventory',
      params: { agent: 'yes,likely', q: 'bedrock' },
    });
    expect(parseRoute('#token=abc')).toEqual({ view: 'dashboard', params: {} });
    expect(parseRoute('')).toEqual({ view: 'dashboard', params: {} });
    // An unknown view (a crafted link) lands on the start screen, not on a missing screen.
    expect(parseRoute('#view=__proto__').view).toBe('start');
  });

  it('writes a route keeping the current token and dropping empty parameters', () => {
    const hash = routeHash('#token=s3cr3t&view=dashboard', {
      view: 'identity',
      params: { id: 'aws:arn:aws:iam::111122223333:role/a&b=c', scan: '', q: '' },
    });
    expect(hash).toBe(
      '#token=s3cr3t&view=identity&id=aws%3Aarn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fa%26b%3Dc',
    );
    expect(parseRoute(hash)).toEqual({
      view: 'identity',
      params: { id: 'aws:arn:aws:iam::111122223333:role/a&b=c' },
    });
    expect(routeHash('', { view: 'start', params: {} })).toBe('#view=start');
  });
});
