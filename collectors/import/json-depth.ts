/**
 * How deep a parsed JSON value nests. Provider exports and policy documents are a few levels deep;
 * far deeper input is hostile, and walking it recursively (as schema checks do) could overflow the
 * stack, so it is measured first, without recursion.
 */

/** True when `value` nests arrays/objects deeper than `max`. Iterative: safe on hostile input. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
