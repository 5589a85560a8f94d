/**
 * Admin-equivalence and "is B more privileged than A", computed per profile and cached.
 *
 * Admin-equivalent: every IAM "Permissions management" action is allowed on every resource
 * without a condition, after boundary, SCPs and denies. That covers `*` on `*`, `iam:*`,
 * AdministratorAccess and NotAction lists that leave IAM alone; such an identity can rewrite its
 * own permissions at will. PowerUserAccess (NotAction iam:*) is not.
 *
 * More privileged: B is admin-equivalent and A is not, or B has significant actions A lacks, or
 * B has them on every resource where A has them only on some. Significant = Write or
 * Permissions management (tag-only and telemetry writes excluded), credential exposure and
 * data-exfiltration actions. Read/List-only gains are not counted, so a Lambda role with log
 * permissions is not an "escalation" target. Resource scopes are compared only as "all vs some".
 */
import sensitive from '../data/aws-sensitive-actions.json';
import { ActionSet } from './action-set';
import type { AwsCatalog } from './catalog';
import type { Profile } from './evaluate';
import type { CompiledStatement } from './statements';
import type { GainSummary } from './types';

/** Services whose Write actions only emit telemetry; gaining them is not an escalation. */
const LOW_IMPACT_SERVICES = ['logs', 'cloudwatch', 'xray'];

export interface ProfileAdmin {
  admin: boolean;
  /** iam Permissions management allowed on every resource, but only under conditions. */
  constrained: boolean;
  /** Identity-layer statements that grant it (unconditioned, or the conditioned ones when constrained). */
  statements: CompiledStatement[];
  /** Deny statements that touch IAM permissions management without removing it. */
  partialDenies: CompiledStatement[];
}

/** Profiles that compare alike: admin-equivalent, or the same significant actions. */
export interface PrivilegeClass {
  readonly id: number;
  readonly admin: boolean;
  /** Significant actions allowed on some resource. */
  readonly granted: ActionSet;
  /** Significant actions allowed on every resource without a condition. */
  readonly unconstrained: ActionSet;
}

function setKey(set: ActionSet): string {
  return set
    .services()
    .map((s) => `${s}:${(set.parts.get(s) ?? []).join(',')}`)
    .join(';');
}

export class PrivilegeOracle {
  readonly iamPermissionsManagement: ActionSet;
  readonly credentialExposure: ActionSet;
  readonly dataExfiltration: ActionSet;
  readonly permissionsManagement: ActionSet;
  /** Actions that open a resource to other principals (curated list; see aws-sensitive-actions.json). */
  readonly resourceExposure: ActionSet;
  readonly significant: ActionSet;
  /** Lower-case names from the lists that the catalogue does not know (matched by pattern). */
  readonly credentialExposureNames: readonly string[];
  readonly dataExfiltrationNames: readonly string[];
  private readonly gainMemo = new Map<number, GainSummary>();
  private readonly moreMemo = new Map<number, boolean>();
  private readonly adminClass: PrivilegeClass;
  private readonly classes: PrivilegeClass[] = [];
  private readonly classByKey = new Map<string, PrivilegeClass>();
  private readonly significantCount: number;

  constructor(readonly catalog: AwsCatalog) {
    this.permissionsManagement = catalog.withAccessLevel('Permissions management');
    this.iamPermissionsManagement = this.permissionsManagement.intersect(catalog.serviceSet('iam'), catalog);
    const toSet = (names: readonly string[]) =>
      ActionSet.fromIndices(
        catalog,
        names.map((n) => catalog.indexOf(n)).filter((i): i is number => i !== undefined),
      );
    this.credentialExposureNames = sensitive.credentialExposure.map((n) => n.toLowerCase());
    this.dataExfiltrationNames = sensitive.dataExfiltration.map((n) => n.toLowerCase());
    this.credentialExposure = toSet(this.credentialExposureNames);
    this.dataExfiltration = toSet(this.dataExfiltrationNames);
    this.resourceExposure = toSet(sensitive.resourceExposure);
    let lowImpact = catalog.withAccessLevel('Tagging');
    for (const s of LOW_IMPACT_SERVICES) lowImpact = lowImpact.union(catalog.serviceSet(s), catalog);
    this.significant = catalog
      .withAccessLevel('Write')
      .union(this.permissionsManagement, catalog)
      .subtract(lowImpact)
      .union(this.credentialExposure, catalog)
      .union(this.dataExfiltration, catalog);
    this.significantCount = this.significant.count();
    this.adminClass = { id: 0, admin: true, granted: this.significant, unconstrained: this.significant };
    this.classes.push(this.adminClass);
  }

  /** Admin-equivalence of a profile (cheap; cached on the profile). */
  isAdmin(profile: Profile): boolean {
    return this.classOf(profile).admin;
  }

  /** The statements and denies behind admin-equivalence, for evidence (cached). */
  admin(profile: Profile): ProfileAdmin {
    const cached = profile.memo.get('admin');
    if (cached) return cached as ProfileAdmin;
    const pm = this.iamPermissionsManagement;
    const admin = this.isAdmin(profile);
    const constrained = !admin && pm.isSubsetOf(profile.broad);
    const touches = (s: CompiledStatement) => !s.actions.intersect(pm, this.catalog).isEmpty;
    const statements =
      admin || constrained
        ? profile.identity.allows.filter((s) => s.allResources && touches(s) && (admin ? !s.condition : true))
        : [];
    const layers = [profile.identity, profile.boundary, profile.scp];
    const partialDenies =
      admin || constrained
        ? layers
            .flatMap((l) => (l ? l.denies : []))
            .filter((s) => touches(s) && !(s.allResources && !s.condition))
        : [];
    const result: ProfileAdmin = { admin, constrained, statements, partialDenies };
    profile.memo.set('admin', result);
    return result;
  }

  /**
   * The privilege class of a profile: admin-equivalent, or the significant actions it has
   * anywhere and on every resource. Only the class matters when comparing privilege, so
   * identities and targets with equal classes are compared once.
   */
  classOf(profile: Profile): PrivilegeClass {
    const known = profile.privilegeClass;
    if (known !== undefined) return this.classes[known] as PrivilegeClass;
    let cls: PrivilegeClass;
    if (this.iamPermissionsManagement.isSubsetOf(profile.unconstrained)) cls = this.adminClass;
    else {
      const granted = profile.granted.intersect(this.significant, this.catalog);
      const unconstrained = profile.unconstrained.intersect(this.significant, this.catalog);
      const key = `${setKey(granted)}/${setKey(unconstrained)}`;
      const existing = this.classByKey.get(key);
      if (existing) cls = existing;
      else {
        cls = { id: this.classes.length, admin: false, granted, unconstrained };
        this.classes.push(cls);
        this.classByKey.set(key, cls);
      }
    }
    profile.privilegeClass = cls.id;
    return cls;
  }

  /** Would `self` gain anything significant by becoming `target`? */
  morePrivileged(target: Profile, self: Profile): boolean {
    return this.classMorePrivileged(this.classOf(target), this.classOf(self));
  }

  classMorePrivileged(t: PrivilegeClass, s: PrivilegeClass): boolean {
    if (t === s || s.admin) return false;
    if (t.admin) return true;
    const key = t.id * 1_048_576 + s.id;
    let more = this.moreMemo.get(key);
    if (more === undefined) {
      more = !t.granted.isSubsetOf(s.granted) || !t.unconstrained.isSubsetOf(s.unconstrained);
      this.moreMemo.set(key, more);
    }
    return more;
  }

  /** What `self` would gain by becoming `target` (count and sample; computed for listed targets only). */
  gainSummary(target: Profile, self: Profile): GainSummary {
    const t = this.classOf(target);
    const s = this.classOf(self);
    const key = t.id * 1_048_576 + s.id;
    const hit = this.gainMemo.get(key);
    if (hit) return hit;
    let result: GainSummary;
    if (!this.classMorePrivileged(t, s)) result = { admin: false, count: 0, sample: [] };
    else if (t.admin) {
      // Everything significant the identity lacks; no set arithmetic over the whole catalogue.
      const missing: string[] = [];
      for (const i of this.iamPermissionsManagement.indices(this.catalog)) {
        if (missing.length >= 10) break;
        if (!s.unconstrained.has(this.catalog, i)) missing.push(this.catalog.nameOf(i));
      }
      result = { admin: true, count: this.significantCount - s.unconstrained.count(), sample: missing };
    } else {
      const gained = t.granted
        .subtract(s.granted)
        .union(t.unconstrained.subtract(s.unconstrained), this.catalog);
      result = { admin: false, count: gained.count(), sample: this.sample(gained) };
    }
    this.gainMemo.set(key, result);
    return result;
  }

  /** Both at once, for callers that need the numbers anyway. */
  gain(target: Profile, self: Profile): GainSummary & { more: boolean } {
    return { more: this.morePrivileged(target, self), ...this.gainSummary(target, self) };
  }

  /** Up to ten actions: IAM permissions management, other permissions management, credential exposure first. */
  private sample(set: ActionSet): string[] {
    const out: string[] = [];
    const take = (s: ActionSet) => {
      for (const i of s.indices(this.catalog)) {
        if (out.length >= 10) return;
        const name = this.catalog.nameOf(i);
        if (!out.includes(name)) out.push(name);
      }
    };
    take(set.intersect(this.iamPermissionsManagement, this.catalog));
    take(set.intersect(this.permissionsManagement, this.catalog));
    take(set.intersect(this.credentialExposure, this.catalog));
    take(set.intersect(this.dataExfiltration, this.catalog));
    take(set);
    return out;
  }
}

/** Unbounded gain: what modifying one's own permissions yields. */
export const ARBITRARY_GAIN: GainSummary = {
  admin: true,
  count: 0,
  sample: ['* (any permission it writes)'],
};
