/**
 * Seeded randomness for the demo tenant. Every value in the demo comes from here so the same
 * seed, size and reference time always give byte-identical files (no Math.random, no clock).
 */
import { Buffer } from 'node:buffer';

/** mulberry32: tiny, fast, good enough for test data; state is one 32-bit integer. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so a fork's stream depends on its label and not on how much the parent was used. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Rng {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for one part of the demo: adding items elsewhere does not shift it. */
  fork(label: string): Rng {
    return new Rng((Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ hashLabel(label)) >>> 0);
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick by weight: entries are [weight, value]. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[1];
  }

  /** Up to `count` distinct items, in a stable order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  private chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }

  upperAlnum(length: number): string {
    return this.chars(UPPER_ALNUM, length);
  }

  alnum(length: number): string {
    return this.chars(ALNUM, length);
  }

  lowerAlnum(length: number): string {
    return this.chars(LOWER_ALNUM, length);
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  base64url(length: number): string {
    return this.chars(BASE64URL, length);
  }

  /** Base64 text of `bytes` random bytes, exactly as Buffer encodes them. */
  base64(bytes: number): string {
    const buf = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) buf[i] = Math.floor(this.next() * 256);
    return buf.toString('base64');
  }

  digits(length: number): string {
    let out = String(this.int(1, 9));
    for (let i = 1; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** A version-4 shaped GUID, as Entra object ids and app ids look. */
  guid(): string {
    const h = this.hex(32);
    const variant = '89ab'.charAt(this.int(0, 3));
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * A demo builder whose additions draw from one random stream. Scenarios added later draw from a
 * stream of their own (forked by label), so they neither shift what is generated after them nor
 * depend on how much was generated before: the rest of the demo stays as it was and the same seed
 * still gives the same files.
 */
export class StreamedBuilder {
  private stream: Rng;

  constructor(rng: Rng) {
    this.stream = rng;
  }

  /** The random stream everything added draws from. */
  get rng(): Rng {
    return this.stream;
  }

  withStream<T>(label: string, build: () => T): T {
    const main = this.stream;
    this.stream = main.fork(label);
    try {
      return build();
    } finally {
      this.stream = main;
    }
  }
}
