/**
 * The numbers behind the report's charts. Every chart splits agents from other non-human identities
 * so the reader sees where the agents sit; the HTML layer draws them (ECharts, SVG).
 */
import type { Framework } from '../../model/findings';
import { FRAMEWORKS } from '../../assess/frameworks';
import { DAY_MS } from '../../assess/util/time';
import { SEVERITIES, SEVERITY_LABEL, isAgent } from '../format';
import type { ChartData } from '../types';
import type { ReportContext } from './context';

const AGENTS = 'Agents';
const OTHERS = 'Other NHIs';

function twoSeries(n: number): { agents: number[]; others: number[] } {
  return { agents: new Array<number>(n).fill(0), others: new Array<number>(n).fill(0) };
}

function riskDistribution(ctx: ReportContext): ChartData {
  const byScore = ctx.input.scores !== undefined;
  const bands = byScore
    ? [
        { label: '0', max: 0 },
        { label: '1–24', max: 24 },
        { label: '25–49', max: 49 },
        { label: '50–74', max: 74 },
        { label: '75–100', max: Infinity },
      ]
    : [
        { label: '0', max: 0 },
        { label: '1–19', max: 19 },
        { label: '20–39', max: 39 },
        { label: '40–79', max: 79 },
        { label: '80+', max: Infinity },
      ];
  const s = twoSeries(bands.length);
  for (const identity of ctx.input.inventory.identities) {
    const value = ctx.score(identity.id);
    const index = bands.findIndex((b) => value <= b.max);
    const target = isAgent(ctx.verdict(identity.id)) ? s.agents : s.others;
    target[index] = (target[index] ?? 0) + 1;
  }
  return {
    id: 'risk-distribution',
    title: 'Risk distribution',
    caption: byScore
      ? 'Identities by risk score (0-100). Agents (confirmed and likely) in the right-hand bands are the first to fix.'
      : 'Identities by risk points (sum of the weights of their open findings); 0 = no open finding.',
    categories: bands.map((b) => b.label),
    series: [
      { name: AGENTS, values: s.agents },
      { name: OTHERS, values: s.others },
    ],
    valueLabel: 'Identities',
  };
}

/** Ages in days; the labels stay short so seven fit under a half-width chart. */
const AGE_BANDS = [
  { label: '<30', max: 29 },
  { label: '30–89', max: 89 },
  { label: '90–179', max: 179 },
  { label: '180–364', max: 364 },
  { label: '1–2 y', max: 729 },
  { label: '>2 y', max: Infinity },
];

function credentialAge(ctx: ReportContext): ChartData {
  const now = Date.parse(ctx.input.assessment.assessedAt);
  const s = twoSeries(AGE_BANDS.length + 1);
  for (const c of ctx.input.inventory.credentials) {
    // Federated credentials hold no secret: their age says nothing about exposure.
    if (c.status !== 'active' || c.kind === 'federated-credential') continue;
    const created = c.createdAt ? Date.parse(c.createdAt) : Number.NaN;
    const age = Number.isNaN(created) ? undefined : Math.floor((now - created) / DAY_MS);
    const index = age === undefined ? AGE_BANDS.length : AGE_BANDS.findIndex((b) => age <= b.max);
    const target = isAgent(ctx.verdict(c.identityId)) ? s.agents : s.others;
    target[index] = (target[index] ?? 0) + 1;
  }
  return {
    id: 'credential-age',
    title: 'Credential age (days)',
    caption:
      'Active secrets, keys, passwords and certificates by age since creation (n/a: no creation date). Federated credentials hold no secret and are left out. CIS asks for rotation within 90 days.',
    categories: [...AGE_BANDS.map((b) => b.label), 'n/a'],
    series: [
      { name: AGENTS, values: s.agents },
      { name: OTHERS, values: s.others },
    ],
    valueLabel: 'Credentials',
  };
}

function findingsBySeverity(ctx: ReportContext): ChartData {
  const s = twoSeries(SEVERITIES.length);
  for (const f of ctx.input.assessment.findings) {
    if (!ctx.counted(f)) continue;
    const index = SEVERITIES.indexOf(f.severity);
    const target = isAgent(ctx.verdict(f.identityId)) ? s.agents : s.others;
    target[index] = (target[index] ?? 0) + 1;
  }
  return {
    id: 'findings-by-severity',
    title: 'Open findings by severity',
    caption:
      'Open findings (not suppressed, not accepted as risk or false positive) by severity, agents and other non-human identities (NHIs).',
    categories: SEVERITIES.map((sv) => SEVERITY_LABEL[sv]),
    series: [
      { name: AGENTS, values: s.agents },
      { name: OTHERS, values: s.others },
    ],
    valueLabel: 'Findings',
  };
}

/** Short names for the chart axis; the compliance matrix prints the full ones. */
const FRAMEWORK_SHORT: Record<Framework, string> = {
  'owasp-nhi': 'OWASP NHI Top 10',
  'owasp-agentic': 'OWASP Agentic Top 10',
  'cis-aws-v5': 'CIS AWS v5',
  'cis-aws-v7': 'CIS AWS v7',
  'cis-m365': 'CIS Microsoft 365',
  'nist-ai-rmf': 'NIST AI RMF',
  'eu-ai-act': 'EU AI Act',
  'iso-42001': 'ISO/IEC 42001',
  'nist-800-207': 'NIST SP 800-207',
};

export function frameworkShortName(f: Framework): string {
  return FRAMEWORK_SHORT[f];
}

function findingsByFramework(ctx: ReportContext): ChartData {
  const frameworks = Object.keys(FRAMEWORKS) as Framework[];
  const s = twoSeries(frameworks.length);
  for (const f of ctx.input.assessment.findings) {
    if (!ctx.counted(f)) continue;
    const target = isAgent(ctx.verdict(f.identityId)) ? s.agents : s.others;
    // A finding counts once per framework even when it maps to several controls of it.
    for (const fw of new Set(f.frameworks.map((r) => r.framework))) {
      const index = frameworks.indexOf(fw);
      if (index >= 0) target[index] = (target[index] ?? 0) + 1;
    }
  }
  return {
    id: 'findings-by-framework',
    title: 'Open findings by framework',
    caption: 'Open findings mapped to each framework; one finding usually maps to several frameworks.',
    categories: frameworks.map((f) => FRAMEWORK_SHORT[f]),
    series: [
      { name: AGENTS, values: s.agents },
      { name: OTHERS, values: s.others },
    ],
    valueLabel: 'Findings',
    horizontal: true,
  };
}

function agentsByProvider(ctx: ReportContext): ChartData {
  const providers = ['aws', 'entra'] as const;
  const yes = [0, 0];
  const likely = [0, 0];
  for (const identity of ctx.input.inventory.identities) {
    const index = providers.indexOf(identity.provider);
    const v = ctx.verdict(identity.id);
    if (v === 'yes') yes[index] = (yes[index] ?? 0) + 1;
    else if (v === 'likely') likely[index] = (likely[index] ?? 0) + 1;
  }
  return {
    id: 'agents-by-provider',
    title: 'AI agents by provider',
    caption:
      'AI agents by provider: confirmed (strong evidence such as a Bedrock trust or an Entra agent identity) and likely (model-use permissions).',
    categories: ['AWS', 'Entra ID'],
    series: [
      { name: 'Confirmed agents', values: yes },
      { name: 'Likely agents', values: likely },
    ],
    valueLabel: 'Identities',
  };
}

export function buildCharts(ctx: ReportContext): ChartData[] {
  return [
    riskDistribution(ctx),
    credentialAge(ctx),
    findingsBySeverity(ctx),
    agentsByProvider(ctx),
    findingsByFramework(ctx),
  ];
}
