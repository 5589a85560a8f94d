/**
 * Turns classification signals into a verdict. Strong evidence (trusted by an AI service, run by an
 * agent workload, an Entra agent identity) decides alone; one medium signal (allowed to invoke models)
 * makes an identity a likely agent and two distinct ones make it an agent; names and tags are weak and
 * never make `yes` on their own.
 */
import type { AgentVerdict, Classification, ClassificationSignal, SignalStrength } from '../../model/assess';

const WEIGHT: Record<SignalStrength, number> = { strong: 0.9, medium: 0.5, weak: 0.15, exclusion: 0 };
const ORDER: Record<SignalStrength, number> = { exclusion: 0, strong: 1, medium: 2, weak: 3 };

export function decide(
  identityId: string,
  signals: ClassificationSignal[],
  providerManaged?: 'microsoft' | 'aws',
): Classification {
  const sorted = [...signals].sort(
    (a, b) =>
      ORDER[a.strength] - ORDER[b.strength] || (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0),
  );
  const distinct = (strength: SignalStrength) =>
    new Set(sorted.filter((s) => s.strength === strength).map((s) => s.signal)).size;

  // Combined score: independent pieces of evidence, each with its own weight.
  let miss = 1;
  for (const s of sorted) miss *= 1 - WEIGHT[s.strength];
  const score = Math.min(0.99, 1 - miss);

  let agent: AgentVerdict;
  if (providerManaged) agent = 'no';
  else if (distinct('strong') > 0 || distinct('medium') >= 2) agent = 'yes';
  else if (distinct('medium') === 1 || distinct('weak') >= 2) agent = 'likely';
  else agent = 'no';

  // Absence of evidence is not proof: a bare `no` tops out below certainty.
  const confidence = providerManaged ? 0.99 : agent === 'no' ? Math.min(0.95, 1 - score) : score;
  return {
    identityId,
    agent,
    confidence: Math.round(confidence * 100) / 100,
    signals: sorted,
    ...(providerManaged ? { providerManaged } : {}),
  };
}
