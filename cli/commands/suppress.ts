import { Argument, type Command } from 'commander';
import {
  addSuppression,
  listSuppressions,
  removeSuppression,
  type SuppressionChange,
} from '../../engagement/triage';
import { UsageError } from '../../model/errors';
import type { SuppressionKind, SuppressionRecord } from '../../model/posture';
import { parseDateOption } from '../options';
import { formatTable } from '../table';

function printChange(verb: string, change: SuppressionChange, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(change, null, 2)}\n`);
    return;
  }
  const s = change.suppression;
  process.stdout.write(`${verb} suppression ${s.id} (${s.scope} ${s.value}).\n`);
  const r = change.reassessed;
  if (r) {
    process.stdout.write(
      `Re-assessed scan ${r.scanId}: ${r.summary.findings} findings, ${r.summary.suppressed} suppressed.\n`,
    );
  }
}

function printList(rows: SuppressionRecord[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No suppressions.\n');
    return;
  }
  process.stdout.write(
    `${formatTable(
      ['ID', 'SCOPE', 'VALUE', 'STATE', 'EXPIRES', 'AUTHOR', 'CREATED', 'REASON'],
      rows.map((s) => [
        s.id,
        s.scope,
        s.value,
        s.expired ? 'expired' : 'active',
        s.expiresAt ?? 'never',
        s.author,
        s.createdAt,
        s.reason,
      ]),
      70,
    )}\n`,
  );
}

export function registerSuppress(program: Command): void {
  program
    .command('suppress')
    .description('add, list or remove suppressions (audited; all are listed, expired ones too)')
    .argument('<file>', 'engagement file')
    .addArgument(new Argument('<action>', 'what to do').choices(['add', 'list', 'remove']))
    .argument('[id]', 'suppression id (remove)')
    .option('--identity <id>', 'add: suppress every finding of this identity (stable id, e.g. aws:arn:...)')
    .option('--rule <id>', 'add: suppress every finding of this rule')
    .option('--tag <key[=value]>', 'add: suppress findings on identities with this tag')
    .option('--reason <text>', 'add: why (required)')
    .option('--author <name>', 'add: who decided (default: the OS user)')
    .option('--expires <date>', 'add: when the suppression stops applying', parseDateOption)
    .option('--no-reassess', 'do not re-assess the latest scan after the change')
    .option('--json', 'print as JSON on stdout')
    .action(
      async (
        file: string,
        action: 'add' | 'list' | 'remove',
        id: string | undefined,
        opts: {
          identity?: string;
          rule?: string;
          tag?: string;
          reason?: string;
          author?: string;
          expires?: Date;
          reassess: boolean;
          json?: boolean;
        },
      ) => {
        const json = Boolean(opts.json);
        if (action === 'list') {
          printList(listSuppressions(file), json);
          return;
        }
        if (action === 'remove') {
          if (!id || !/^\d+$/.test(id))
            throw new UsageError('suppress remove needs the numeric id of a suppression');
          printChange(
            'Removed',
            await removeSuppression(file, Number(id), { reassess: opts.reassess }),
            json,
          );
          return;
        }
        const scopes: [SuppressionKind, string | undefined][] = [
          ['identity', opts.identity],
          ['rule', opts.rule],
          ['tag', opts.tag],
        ];
        const given = scopes.filter(([, v]) => v !== undefined);
        if (given.length !== 1)
          throw new UsageError('suppress add needs exactly one of --identity, --rule or --tag');
        const [scope, value] = given[0] as [SuppressionKind, string];
        if (!opts.reason) throw new UsageError('suppress add needs --reason');
        const change = await addSuppression(file, {
          scope,
          value,
          reason: opts.reason,
          reassess: opts.reassess,
          ...(opts.author ? { author: opts.author } : {}),
          ...(opts.expires ? { expiresAt: opts.expires } : {}),
        });
        printChange('Added', change, json);
      },
    );
}
