/**
 * Builds the report model from stored engagement data. Pure: no I/O, no clock (the generation time
 * is passed in), no randomness; every list has a total order, so the same input gives the same
 * model and the same integrity hash.
 */
import { buildAppendix } from './sections/appendix';
import { buildCharts } from './sections/charts';
import { buildCompliance } from './sections/compliance';
import { buildContext } from './sections/context';
import { buildFindingsByRule } from './sections/findings-by-rule';
import { buildMethodology } from './sections/methodology';
import { buildRoadmap } from './sections/roadmap';
import {
  buildChange,
  buildHeadline,
  buildKpis,
  buildScoring,
  buildTopRisks,
  buildTotals,
} from './sections/summary';
import { buildTriage } from './sections/triage';
import { reportDataHash } from './hash';
import { compareText } from './format';
import type { ReportInput, ReportModel, ReportOptions } from './types';

export function buildReportModel(input: ReportInput, options: ReportOptions): ReportModel {
  const ctx = buildContext(input, options);
  const { scan } = input;
  const awsAccounts = new Set<string>();
  const entraTenants = new Set<string>();
  for (const s of scan.sources) {
    const target = s.provider === 'aws' ? awsAccounts : entraTenants;
    // A source may cover several accounts (organization scans) listed comma-separated.
    for (const account of s.account.split(/[,\s]+/)) if (account) target.add(account);
  }
  for (const i of input.inventory.identities)
    (i.provider === 'aws' ? awsAccounts : entraTenants).add(i.account);

  const meta: ReportModel['meta'] = {
    title: 'AI agent identity assessment',
    clientName: options.branding.clientName,
    consultancy: options.branding.consultancy,
    ...(options.branding.logo ? { logo: options.branding.logo } : {}),
    scanId: scan.id,
    scanLabel: scan.label,
    scanMethod: scan.method,
    scanStatus: scan.status,
    scanStartedAt: scan.startedAt,
    scanFinishedAt: scan.finishedAt,
    assessedAt: input.assessment.assessedAt,
    previousScanId: input.change.status === 'compared' ? input.change.diff.from.id : undefined,
    awsAccounts: [...awsAccounts].sort(compareText),
    entraTenants: [...entraTenants].sort(compareText),
    appVersion: input.appVersion,
  };
  const totals = buildTotals(ctx);
  const kpis = buildKpis(ctx);
  const change = buildChange(ctx);
  const roadmap = buildRoadmap(ctx);
  const model: ReportModel = {
    modelVersion: 1,
    variant: options.variant,
    generatedAt: options.generatedAt,
    meta,
    totals,
    headline: buildHeadline({ totals, meta, kpis, change }, roadmap),
    kpis,
    scoring: buildScoring(ctx),
    topRisks: buildTopRisks(ctx),
    change,
    charts: buildCharts(ctx),
    methodology: buildMethodology(ctx),
    findingsByRule: buildFindingsByRule(ctx),
    appendix: buildAppendix(ctx),
    compliance: buildCompliance(ctx),
    roadmap,
    triage: buildTriage(ctx),
    limits: ctx.limits,
    integrity: { algorithm: 'SHA-256', dataHash: '', auditHead: input.auditHead },
  };
  model.integrity.dataHash = reportDataHash(model);
  return model;
}
