/**
 * The rule contract. One rule per file under assess/rules/<area>/<rule-id>.ts (Prowler-style), all
 * listed in assess/rules/index.ts. A rule looks at one identity at a time through the shared context
 * and returns zero or more hits; the engine turns hits into findings with stable keys
 * `${ruleId}|${identityId}|${discriminator}`.
 */
import type { AssessSettings, Classification } from '../../model/assess';
import type { EvidenceItem, FrameworkRef, Severity } from '../../model/findings';
import type { Identity, IdentityKind, Provider } from '../../model/inventory';
import type { AwsPrivilegeView } from '../aws-view';
import type { EntraPrivilegeAnalysis } from '../entra/paths';
import type { InventoryIndex } from '../inventory-index';

export type RuleArea =
  | 'aws-credentials'
  | 'aws-trust'
  | 'aws-privilege'
  | 'entra-credentials'
  | 'entra-privilege'
  | 'lifecycle'
  | 'agents';

export interface AssessContext {
  /** Milliseconds since epoch of the `now` the assessment runs for. */
  nowMs: number;
  settings: AssessSettings;
  index: InventoryIndex;
  classifications: ReadonlyMap<string, Classification>;
  /** AWS accounts that count as the client's: in the inventory or listed in settings. */
  clientAccounts: ReadonlySet<string>;
  entra: EntraPrivilegeAnalysis;
  aws: AwsPrivilegeView;
}

export interface RuleHit {
  /** Distinguishes several hits of one rule on one identity (key id, trust id); stable across scans. */
  discriminator: string;
  /** The finding-specific sentence. */
  message: string;
  evidence: EvidenceItem[];
  /** Overrides the rule's default severity for this hit (e.g. a worse variant). */
  severity?: Severity;
}

export interface Rule {
  /** `AA-<AREA>-<TOPIC>-NNN`, unique, never reused for a different check. */
  id: string;
  title: string;
  severity: Severity;
  area: RuleArea;
  rationale: string;
  /** What fixes it, with the exact CLI or Graph call. */
  remediation: string;
  references: string[];
  frameworks: FrameworkRef[];
  appliesTo: { providers: Provider[]; kinds?: IdentityKind[] };
  /**
   * Rules skip provider-managed identities (Microsoft first-party, AWS service-linked) unless this is
   * true: they are not the client's to fix.
   */
  includeProviderManaged?: boolean;
  evaluate(ctx: AssessContext, identity: Identity): RuleHit[];
}
