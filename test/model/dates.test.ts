/** Shared date helpers: provider timestamps normalised, day counts written for people. */
import { describe, expect, it } from 'vitest';
import { daysText, toIsoUtc } from '../../model/dates';

describe('toIsoUtc', () => {
  it('reads the forms providers send and refuses sentinels and non-dates', () => {
    expect(toIsoUtc('2024-01-02T03:04:05Z')).toBe('2024-01-02T03:04:05.000Z');
    expect(toIsoUtc('2024-01-02T03:04:05+00:00')).toBe('2024-01-02T03:04:05.000Z');
    expect(toIsoUtc('2024-01-02T03:04:05.1234567Z')).toBe('2024-01-02T03:04:05.123Z');
    expect(toIsoUtc('2024-01-02T03:04:05-8:00')).toBe('2024-01-02T11:04:05.000Z');
    expect(toIsoUtc(1704164645)).toBe('2024-01-02T03:04:05.000Z');
    for (const none of ['N/A', 'no_information', 'not_supported', '', '0001-01-01T00:00:00Z', 'soon'])
      expect(toIsoUtc(none), none).toBeUndefined();
    // Already canonical strings come back as they are; an impossible day does not.
    expect(toIsoUtc('2024-02-29T00:00:00.000Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(toIsoUtc('2023-02-29T00:00:00.000Z')).toBe('2023-03-01T00:00:00.000Z');
  });
});

describe('daysText', () => {
  it('writes days, and past two years the years beside them', () => {
    expect(daysText(1)).toBe('1 day');
    expect(daysText(-1)).toBe('-1 day');
    expect(daysText(45)).toBe('45 days');
    expect(daysText(729)).toBe('729 days');
    expect(daysText(1095)).toBe('1095 days, about 3 years');
    // A client secret that runs to 2299.
    expect(daysText(101324)).toBe('101324 days, about 277 years');
  });
});
