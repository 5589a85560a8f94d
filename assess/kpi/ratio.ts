/** A share rounded to 4 decimals; null when there is nothing to divide (no agents, no links). */
export function ratioValue(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}
