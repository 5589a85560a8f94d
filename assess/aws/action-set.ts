/**
 * Sets of catalogue actions, stored per service as bit words.
 *
 * A set only holds the services it touches, so the typical statement (a handful of actions in
 * one or two services) costs a few words, while `*` shares the catalogue's full per-service
 * words by reference instead of copying 22,000 bits. Sets are immutable once built.
 */

/** The part of the catalogue a set needs: service ranges and each service's full word array. */
export interface ActionSpace {
  readonly serviceCount: number;
  /** Global index of the first action of each service. */
  readonly serviceStart: Int32Array;
  /** Number of actions of each service. */
  readonly serviceSize: Int32Array;
  /** Service index of each global action index. */
  readonly serviceOfAction: Uint16Array;
  /** Words with every action of the service set; shared, never mutated. */
  fullWords(service: number): Uint32Array;
}

export function wordCount(size: number): number {
  return (size + 31) >>> 5;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class ActionSet {
  static readonly EMPTY = new ActionSet(new Map());

  private constructor(readonly parts: ReadonlyMap<number, Uint32Array>) {}

  static fromParts(parts: Map<number, Uint32Array>): ActionSet {
    for (const [service, words] of parts) if (isZero(words)) parts.delete(service);
    return parts.size === 0 ? ActionSet.EMPTY : new ActionSet(parts);
  }

  static fromIndices(space: ActionSpace, indices: Iterable<number>): ActionSet {
    const parts = new Map<number, Uint32Array>();
    for (const index of indices) {
      const service = space.serviceOfAction[index] ?? 0;
      let words = parts.get(service);
      if (!words) {
        words = new Uint32Array(wordCount(space.serviceSize[service] ?? 0));
        parts.set(service, words);
      }
      const local = index - (space.serviceStart[service] ?? 0);
      words[local >>> 5] = (words[local >>> 5] ?? 0) | (1 << (local & 31));
    }
    return ActionSet.fromParts(parts);
  }

  static fullService(space: ActionSpace, service: number): ActionSet {
    return new ActionSet(new Map([[service, space.fullWords(service)]]));
  }

  static all(space: ActionSpace): ActionSet {
    const parts = new Map<number, Uint32Array>();
    for (let s = 0; s < space.serviceCount; s++)
      if ((space.serviceSize[s] ?? 0) > 0) parts.set(s, space.fullWords(s));
    return new ActionSet(parts);
  }

  get isEmpty(): boolean {
    return this.parts.size === 0;
  }

  has(space: ActionSpace, index: number): boolean {
    const service = space.serviceOfAction[index] ?? 0;
    const words = this.parts.get(service);
    if (!words) return false;
    const local = index - (space.serviceStart[service] ?? 0);
    return ((words[local >>> 5] ?? 0) & (1 << (local & 31))) !== 0;
  }

  union(other: ActionSet, space: ActionSpace): ActionSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    const parts = new Map(this.parts);
    for (const [service, words] of other.parts) {
      const mine = parts.get(service);
      if (!mine || mine === words) {
        parts.set(service, words);
        continue;
      }
      const full = space.fullWords(service);
      if (mine === full || words === full) {
        parts.set(service, full);
        continue;
      }
      const out = new Uint32Array(mine.length);
      for (let i = 0; i < out.length; i++) out[i] = (mine[i] ?? 0) | (words[i] ?? 0);
      parts.set(service, sameAs(out, full) ? full : out);
    }
    return new ActionSet(parts);
  }

  intersect(other: ActionSet, space: ActionSpace): ActionSet {
    if (this.isEmpty || other.isEmpty) return ActionSet.EMPTY;
    const parts = new Map<number, Uint32Array>();
    const [small, large] = this.parts.size <= other.parts.size ? [this, other] : [other, this];
    for (const [service, words] of small.parts) {
      const theirs = large.parts.get(service);
      if (!theirs) continue;
      if (theirs === words || theirs === space.fullWords(service)) {
        parts.set(service, words);
        continue;
      }
      if (words === space.fullWords(service)) {
        parts.set(service, theirs);
        continue;
      }
      const out = new Uint32Array(words.length);
      for (let i = 0; i < out.length; i++) out[i] = (words[i] ?? 0) & (theirs[i] ?? 0);
      parts.set(service, out);
    }
    return ActionSet.fromParts(parts);
  }

  subtract(other: ActionSet): ActionSet {
    if (this.isEmpty || other.isEmpty) return this;
    let changed = false;
    const parts = new Map(this.parts);
    for (const [service, words] of other.parts) {
      const mine = parts.get(service);
      if (!mine) continue;
      changed = true;
      const out = new Uint32Array(mine.length);
      for (let i = 0; i < out.length; i++) out[i] = (mine[i] ?? 0) & ~(words[i] ?? 0);
      parts.set(service, out);
    }
    return changed ? ActionSet.fromParts(parts) : this;
  }

  /** Everything in the catalogue that is not in this set (NotAction). */
  complement(space: ActionSpace): ActionSet {
    const parts = new Map<number, Uint32Array>();
    for (let s = 0; s < space.serviceCount; s++) {
      const full = space.fullWords(s);
      const mine = this.parts.get(s);
      if (!mine) {
        if (full.length > 0) parts.set(s, full);
        continue;
      }
      if (mine === full) continue;
      const out = new Uint32Array(full.length);
      for (let i = 0; i < out.length; i++) out[i] = (full[i] ?? 0) & ~(mine[i] ?? 0);
      parts.set(s, out);
    }
    return ActionSet.fromParts(parts);
  }

  isSubsetOf(other: ActionSet): boolean {
    for (const [service, words] of this.parts) {
      const theirs = other.parts.get(service);
      if (!theirs) return false;
      if (theirs === words) continue;
      for (let i = 0; i < words.length; i++) if (((words[i] ?? 0) & ~(theirs[i] ?? 0)) !== 0) return false;
    }
    return true;
  }

  count(): number {
    let n = 0;
    for (const words of this.parts.values())
      for (let i = 0; i < words.length; i++) n += popcount32(words[i] ?? 0);
    return n;
  }

  /** Global action indices in ascending service and action order. */
  *indices(space: ActionSpace): Generator<number> {
    const services = [...this.parts.keys()].sort((a, b) => a - b);
    for (const service of services) {
      const words = this.parts.get(service);
      if (!words) continue;
      const start = space.serviceStart[service] ?? 0;
      for (let w = 0; w < words.length; w++) {
        let bits = words[w] ?? 0;
        while (bits !== 0) {
          const low = bits & -bits;
          const bit = 31 - Math.clz32(low);
          yield start + (w << 5) + bit;
          bits = (bits ^ low) >>> 0;
        }
      }
    }
  }

  services(): number[] {
    return [...this.parts.keys()].sort((a, b) => a - b);
  }
}

function isZero(words: Uint32Array): boolean {
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  return true;
}

function sameAs(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
