import type { Command } from 'commander';
import { readKpis } from '../../engagement/assess';
import type { KpiBase, KpiSet } from '../../model/posture';
import { parseIntOption } from '../options';
import { formatTable, safeCell } from '../table';

function value(k: KpiBase): string {
  if (k.value === null) return 'n/a';
  return k.unit === 'ratio' ? `${(k.value * 100).toFixed(1)}%` : `${k.value} days`;
}

function rows(set: KpiSet): unknown[][] {
  const latency = set.revocationLatency;
  const c = latency.credential;
  return [
    [
      set.attackSuccessRate.name,
      value(set.attackSuccessRate),
      `${set.attackSuccessRate.numerator}/${set.attackSuccessRate.denominator}`,
      set.attackSuccessRate.formula,
    ],
    [
      set.containmentRatio.name,
      value(set.containmentRatio),
      `${set.containmentRatio.numerator}/${set.containmentRatio.denominator}`,
      set.containmentRatio.formula,
    ],
    [
      set.delegationIntegrity.name,
      value(set.delegationIntegrity),
      `${set.delegationIntegrity.numerator}/${set.delegationIntegrity.denominator}`,
      set.delegationIntegrity.formula,
    ],
    [
      latency.name,
      `${value(latency)}${c?.unbounded ? ' (no expiry)' : ''}`,
      c ? `${c.kind} ${c.name ?? c.id} of ${c.identityName}` : '-',
      latency.formula,
    ],
  ];
}

export function registerKpis(program: Command): void {
  program
    .command('kpis')
    .description(
      "the article's KPIs for a scan's agents, as posture measures, and the top identities by score",
    )
    .argument('<file>', 'engagement file')
    .option('--scan <id>', 'scan id (see `scans`)', parseIntOption('--scan', 1))
    .option('--top <n>', 'identities listed by score', parseIntOption('--top', 0, 1000), 10)
    .option('--json', 'print as JSON on stdout')
    .action((file: string, opts: { scan?: number; top: number; json?: boolean }) => {
      const view = readKpis(file, opts.scan, opts.top);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        return;
      }
      const { agents, likelyAgents } = view.kpis;
      const out: string[] = [
        safeCell(`Scan ${view.scan.id} "${view.scan.label}", assessed for ${view.assessment.assessedAt}`),
        'KPIs are posture measures: computed from configuration, not from attacks or incidents.',
        '',
        `Agents (classified yes): ${agents.agentCount}`,
        formatTable(['KPI', 'VALUE', 'BASIS', 'FORMULA'], rows(agents), 120),
        '',
        `Likely agents, reported separately: ${likelyAgents.agentCount}`,
        formatTable(['KPI', 'VALUE', 'BASIS', 'FORMULA'], rows(likelyAgents), 120),
        '',
        `Agents reaching each goal: ${Object.entries(agents.attackSuccessRate.byGoal)
          .map(([g, n]) => `${g} ${n}`)
          .join(', ')}`,
      ];
      if (view.topScores.length > 0) {
        out.push(
          '',
          `Top ${view.topScores.length} identities by score`,
          formatTable(
            ['SCORE', 'AGENT', 'IDENTITY', 'PRIVILEGE', 'CREDENTIALS', 'ACTIVITY', 'OWNERSHIP', 'EXPOSURE'],
            view.topScores.map((s) => [
              `${s.score}${s.capped ? ` (cap; ${s.uncapped})` : ''}`,
              s.agent,
              s.identity ? `${s.identity.name} (${s.identity.kind})` : s.identityId,
              ...s.factors.map((f) => f.contribution),
            ]),
            90,
          ),
        );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
