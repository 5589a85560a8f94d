import type { AwsCapability } from '../../aws-view';
import type { Identity } from '../../../model/inventory';
import type { AssessContext, RuleHit } from '../types';
import { isAgent } from '../helpers';

/** One finding per identity for a capability, naming the actions and the statements that allow them. */
export function capabilityHit(
  ctx: AssessContext,
  identity: Identity,
  capability: AwsCapability | undefined,
  discriminator: string,
  what: string,
): RuleHit[] {
  if (!capability) return [];
  const shown = capability.actions.slice(0, 8).join(', ');
  const more = capability.actions.length > 8 ? ` and ${capability.actions.length - 8} more` : '';
  const who = isAgent(ctx, identity) ? `AI agent ${identity.name}` : identity.name;
  return [
    {
      discriminator,
      message: `${who} ${what}: ${capability.summary}${shown ? ` (${shown}${more})` : ''}`,
      evidence: capability.evidence,
    },
  ];
}
