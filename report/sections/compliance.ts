/**
 * The compliance matrix: every control of every framework the rules map to, with the rules that
 * test it and the open findings against it. A control no enabled rule maps to is "not assessed":
 * the tool says nothing about it, which is different from "no findings".
 */
import type { Framework } from '../../model/findings';
import { FRAMEWORKS } from '../../assess/frameworks';
import { RULES } from '../../assess/rules';
import { compareText, isAgent } from '../format';
import type { ControlRow, FrameworkMatrix } from '../types';
import type { ReportContext } from './context';

const refKey = (framework: string, control: string) => `${framework}\u0000${control}`;

export function buildCompliance(ctx: ReportContext): FrameworkMatrix[] {
  const disabled = new Set(ctx.input.assessment.settings.disabledRules);
  const rulesByControl = new Map<string, string[]>();
  for (const rule of RULES) {
    if (disabled.has(rule.id)) continue;
    for (const ref of rule.frameworks) {
      const key = refKey(ref.framework, ref.control);
      const list = rulesByControl.get(key) ?? [];
      if (!list.includes(rule.id)) list.push(rule.id);
      rulesByControl.set(key, list);
    }
  }

  const open = new Map<string, number>();
  const identities = new Map<string, Set<string>>();
  const openByFramework = new Map<string, number>();
  for (const f of ctx.input.assessment.findings) {
    if (!ctx.counted(f)) continue;
    const frameworksSeen = new Set<string>();
    for (const ref of f.frameworks) {
      const key = refKey(ref.framework, ref.control);
      open.set(key, (open.get(key) ?? 0) + 1);
      let set = identities.get(key);
      if (!set) identities.set(key, (set = new Set()));
      set.add(f.identityId);
      frameworksSeen.add(ref.framework);
    }
    for (const fw of frameworksSeen) openByFramework.set(fw, (openByFramework.get(fw) ?? 0) + 1);
  }

  return (Object.keys(FRAMEWORKS) as Framework[]).map((framework) => {
    const info = FRAMEWORKS[framework];
    const controls: ControlRow[] = Object.entries(info.controls).map(([control, title]) => {
      const key = refKey(framework, control);
      const rules = [...(rulesByControl.get(key) ?? [])].sort(compareText);
      const ids = identities.get(key) ?? new Set<string>();
      let agents = 0;
      for (const id of ids) if (isAgent(ctx.verdict(id))) agents += 1;
      const count = open.get(key) ?? 0;
      return {
        control,
        title,
        rules,
        open: count,
        identities: ids.size,
        agents,
        status: rules.length === 0 ? 'not-assessed' : count > 0 ? 'gaps' : 'no-findings',
      };
    });
    return {
      framework,
      name: info.name,
      version: info.version,
      url: info.url,
      controls,
      open: openByFramework.get(framework) ?? 0,
      controlsWithGaps: controls.filter((c) => c.status === 'gaps').length,
      controlsAssessed: controls.filter((c) => c.status !== 'not-assessed').length,
    };
  });
}
