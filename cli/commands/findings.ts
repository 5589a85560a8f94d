import { Option, type Command } from 'commander';
import { readFindings, type FindingsResult } from '../../engagement/triage';
import { severitySchema, triageStatusSchema, type Severity, type TriageStatus } from '../../model/findings';
import type { FindingView } from '../../model/posture';
import { parseIntOption } from '../options';
import { formatTable, safeCell } from '../table';

function counts(result: FindingsResult): string {
  const s = result.assessment.bySeverity;
  const parts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((k) => s[k] > 0)
    .map((k) => `${s[k]} ${k}`);
  return `${result.assessment.findings} findings${parts.length ? ` (${parts.join(', ')})` : ''}, ${result.assessment.suppressed} suppressed`;
}

function triageLabel(f: FindingView): string {
  return `${f.triage.status}${f.triage.reopened ? ' (reopened)' : ''}`;
}

function details(f: FindingView): string {
  const lines = [
    `[${f.severity}] ${f.ruleId} ${f.title}`,
    `  identity: ${f.identity.provider} ${f.identity.kind} ${f.identity.nativeId} (${f.identity.name}), agent: ${f.agent}`,
    `  key: ${f.key}`,
    `  points: ${f.scoreContribution} (${f.factor})${f.suppressedBy ? `, suppressed by ${f.suppressedBy}` : ''}`,
    `  triage: ${triageLabel(f)}${f.triage.note ? ` — ${f.triage.note}` : ''}${f.triage.author ? ` (${f.triage.author}, ${f.triage.updatedAt ?? ''})` : ''}`,
    `  ${f.message}`,
    '  evidence:',
    ...f.evidence.map((e) => `    - ${e.type}: ${e.summary}${e.ref ? ` [${e.ref}]` : ''}`),
    `  remediation: ${f.remediation}`,
  ];
  return lines.map(safeCell).join('\n');
}

export function registerFindings(program: Command): void {
  program
    .command('findings')
    .description('list the findings of a scan (the latest by default), most severe first')
    .argument('<file>', 'engagement file')
    .option('--scan <id>', 'scan id (see `scans`)', parseIntOption('--scan', 1))
    .addOption(new Option('--severity <severity>', 'only this severity').choices(severitySchema.options))
    .option('--rule <id>', 'only this rule, e.g. AA-AWS-KEY-001')
    .option('--agents-only', 'only identities classified as agents (verdict yes)')
    .addOption(new Option('--status <status>', 'only this triage status').choices(triageStatusSchema.options))
    .option('--include-suppressed', 'also list findings a suppression matched')
    .option('--details', 'print each finding with its evidence and remediation')
    .option('--json', 'print as JSON on stdout')
    .action(
      (
        file: string,
        opts: {
          scan?: number;
          severity?: Severity;
          rule?: string;
          agentsOnly?: boolean;
          status?: TriageStatus;
          includeSuppressed?: boolean;
          details?: boolean;
          json?: boolean;
        },
      ) => {
        const result = readFindings(file, {
          ...(opts.scan !== undefined ? { scanId: opts.scan } : {}),
          ...(opts.severity ? { severity: opts.severity } : {}),
          ...(opts.rule ? { ruleId: opts.rule } : {}),
          ...(opts.agentsOnly ? { agentsOnly: true } : {}),
          ...(opts.status ? { status: opts.status } : {}),
          ...(opts.includeSuppressed ? { includeSuppressed: true } : {}),
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${safeCell(`Scan ${result.scan.id} "${result.scan.label}", assessed for ${result.assessment.assessedAt}: ${counts(result)}`)}\n` +
            `Listed: ${result.findings.length}${result.suppressedNotShown ? ` (${result.suppressedNotShown} suppressed not shown; --include-suppressed lists them)` : ''}\n\n`,
        );
        if (opts.details) {
          process.stdout.write(`${result.findings.map(details).join('\n\n')}\n`);
          return;
        }
        process.stdout.write(
          `${formatTable(
            ['SEVERITY', 'RULE', 'IDENTITY', 'KIND', 'AGENT', 'POINTS', 'TRIAGE', 'MESSAGE'],
            result.findings.map((f) => [
              f.severity,
              f.ruleId,
              f.identity.name,
              f.identity.kind,
              f.agent,
              f.suppressedBy ? `0 (suppressed)` : f.scoreContribution,
              triageLabel(f),
              f.message,
            ]),
            70,
          )}\n`,
        );
      },
    );
}
