import type { Command } from 'commander';
import { diffEngagementScans } from '../../engagement/diff';
import { parseIntOption } from '../options';
import { formatTable, safeCell } from '../table';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('what changed between two scans (default: the two most recent)')
    .argument('<file>', 'engagement file')
    .option('--from <id>', 'older scan id', parseIntOption('--from', 1))
    .option('--to <id>', 'newer scan id', parseIntOption('--to', 1))
    .option('--json', 'print as JSON on stdout')
    .action((file: string, opts: { from?: number; to?: number; json?: boolean }) => {
      const d = diffEngagementScans(file, {
        ...(opts.from !== undefined ? { from: opts.from } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
        return;
      }
      const out: string[] = [
        safeCell(`Scan ${d.from.id} "${d.from.label}" -> scan ${d.to.id} "${d.to.label}"`),
        `Identities: ${d.identities.added.length} new, ${d.identities.removed.length} removed`,
        `Findings: ${d.findings.new.length} new, ${d.findings.resolved.length} resolved, ${d.findings.persisting} persisting, ${d.findings.severityChanged.length} changed severity`,
        `Privilege changes: ${d.privilege.length} identities; credential changes: ${d.credentials.length} identities`,
      ];
      const section = (title: string, headers: string[], rows: unknown[][]) => {
        if (rows.length > 0) out.push('', title, formatTable(headers, rows, 70));
      };
      section(
        'New identities',
        ['PROVIDER', 'KIND', 'NAME'],
        d.identities.added.map((i) => [i.provider, i.kind, i.name]),
      );
      section(
        'Removed identities',
        ['PROVIDER', 'KIND', 'NAME'],
        d.identities.removed.map((i) => [i.provider, i.kind, i.name]),
      );
      section(
        'New findings',
        ['SEVERITY', 'RULE', 'IDENTITY', 'MESSAGE'],
        d.findings.new.map((f) => [f.severity, f.ruleId, f.identityName, f.message]),
      );
      section(
        'Resolved findings',
        ['SEVERITY', 'RULE', 'IDENTITY', 'MESSAGE'],
        d.findings.resolved.map((f) => [f.severity, f.ruleId, f.identityName, f.message]),
      );
      const flag = (x: { from: boolean; to: boolean } | undefined) => (x ? `${x.from} -> ${x.to}` : '');
      section(
        'Privilege changes',
        ['IDENTITY', 'ADDED', 'REMOVED', 'CHANGED', 'ADMIN', 'ESCALATION'],
        d.privilege.map((p) => [
          p.identity.name,
          p.grantsAdded.map((g) => g.summary).join('; '),
          p.grantsRemoved.map((g) => g.summary).join('; '),
          p.grantsChanged.map((g) => g.summary).join('; '),
          flag(p.admin),
          flag(p.escalation),
        ]),
      );
      section(
        'Credential changes',
        ['IDENTITY', 'ADDED', 'REMOVED', 'CHANGED'],
        d.credentials.map((c) => [
          c.identity.name,
          c.added.map((x) => `${x.kind} ${x.name ?? x.id}`).join('; '),
          c.removed.map((x) => `${x.kind} ${x.name ?? x.id}`).join('; '),
          c.changed
            .map(
              (x) =>
                `${x.credential.name ?? x.credential.id}: ${Object.entries(x.fields)
                  .map(([k, v]) => `${k} ${v.from ?? '-'} -> ${v.to ?? '-'}`)
                  .join(', ')}`,
            )
            .join('; '),
        ]),
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
