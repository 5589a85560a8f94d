/**
 * Names, descriptions and tags are chosen by people and may say anything (or lie), so they only ever
 * count as weak evidence.
 */
import type { ClassificationSignal } from '../../model/assess';
import type { Identity } from '../../model/inventory';

const AGENT_WORDS =
  /(?:^|[^a-z])(agents?|agentic|copilot|chatbot|bot|llm|gpt|genai|gen-ai|openai|bedrock|anthropic|claude|assistant|mcp)(?:[^a-z]|$)/i;

export function weakNameAndTagSignals(
  identity: Identity,
  providerPatterns: readonly RegExp[] = [],
): ClassificationSignal[] {
  const out: ClassificationSignal[] = [];
  // Name, display name and description are written by the same people: one piece of evidence.
  const names = [identity.name, identity.displayName ?? '', identity.description ?? ''];
  const pattern = providerPatterns.find((p) => names.some((n) => p.test(n)));
  if (pattern) {
    out.push({
      signal: 'name-provider-pattern',
      strength: 'weak',
      summary: `Name matches ${pattern.source}`,
    });
  } else {
    const word = names.map((n) => AGENT_WORDS.exec(n)?.[1]).find((w) => w !== undefined);
    if (word)
      out.push({
        signal: 'name-agent-word',
        strength: 'weak',
        summary: `Name or description says "${word}"`,
      });
  }
  const tag = Object.entries(identity.tags)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .find(([k, v]) => AGENT_WORDS.test(k) || AGENT_WORDS.test(v) || /^(ai|ml)$/i.test(v));
  if (tag) out.push({ signal: 'tag-agent', strength: 'weak', summary: `Tag ${tag[0]}=${tag[1]}` });
  return out;
}
