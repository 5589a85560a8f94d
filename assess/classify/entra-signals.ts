/** Entra evidence that a service principal or application acts as an AI agent. */
import type { ClassificationSignal } from '../../model/assess';
import type { Identity } from '../../model/inventory';
import type { InventoryIndex } from '../inventory-index';
import { rowsOf } from '../inventory-index';
import { weakNameAndTagSignals } from './name-signals';

const AGENT_KINDS: Partial<Record<Identity['kind'], string>> = {
  'entra-agent-identity': 'Entra agent identity',
  'entra-agent-blueprint': 'Entra agent identity blueprint',
  'entra-agent-blueprint-principal': 'Entra agent identity blueprint principal',
};

/**
 * Microsoft Graph permissions that agents and Copilot extensions use: reading Copilot interactions
 * and AI meeting insights, and the permissions blueprints use to mint agent identities and agent users.
 */
const AGENT_GRAPH_PERMISSIONS = [
  /^AiEnterpriseInteraction\./i,
  /^OnlineMeetingAiInsight\./i,
  /^CallAiInsights\./i,
  /^AgentIdentity\.CreateAsManager$/i,
  /^AgentIdUser\.ReadWrite\.IdentityParentedBy$/i,
];
/** Resource APIs of model and bot services, matched on the tenant's display name of the resource. */
const AI_RESOURCE_NAMES =
  /openai|cognitive services|machine learning|ai foundry|azure ai|bot framework|bot service|copilot studio|power virtual agents/i;

export function entraSignals(identity: Identity, index: InventoryIndex): ClassificationSignal[] {
  const signals: ClassificationSignal[] = [];
  const kindLabel = AGENT_KINDS[identity.kind];
  if (kindLabel)
    signals.push({
      signal: 'entra-agent-object',
      strength: 'strong',
      summary: `Object type is ${kindLabel}`,
    });

  // Permissions live on the service principal; an application inherits its principal's evidence.
  const holders = [identity, index.entraCounterpart.get(identity.id)].filter((i): i is Identity => !!i);
  for (const holder of holders) {
    for (const grant of rowsOf(index.grants, holder.id)) {
      if (grant.kind !== 'entra-app-role' && grant.kind !== 'entra-delegated-scope') continue;
      if (AGENT_GRAPH_PERMISSIONS.some((p) => p.test(grant.permission))) {
        signals.push({
          signal: 'entra-agent-permission',
          strength: 'medium',
          summary: `Holds ${grant.permission} on ${grant.resourceName}`,
          ref: grant.id,
        });
      } else if (AI_RESOURCE_NAMES.test(grant.resourceName)) {
        signals.push({
          signal: 'entra-ai-resource-permission',
          strength: 'medium',
          summary: `Holds ${grant.permission} on AI service ${grant.resourceName}`,
          ref: grant.id,
        });
      }
    }
  }

  // Agent identities created by a blueprint point back to it.
  if (typeof identity.attributes['agentIdentityBlueprintId'] === 'string' && !kindLabel) {
    signals.push({
      signal: 'entra-agent-blueprint-link',
      strength: 'strong',
      summary: `Created from agent identity blueprint ${identity.attributes['agentIdentityBlueprintId']}`,
    });
  }

  signals.push(...weakNameAndTagSignals(identity));
  return dedupe(signals);
}

/** One signal per id and ref: several grants on the same resource are one piece of evidence each. */
function dedupe(signals: ClassificationSignal[]): ClassificationSignal[] {
  const seen = new Set<string>();
  return signals.filter((s) => {
    const key = `${s.signal}|${s.ref ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
