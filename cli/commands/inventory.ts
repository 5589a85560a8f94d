import type { Command } from 'commander';
import { readInventoryView } from '../../engagement/inventory';
import type { IdentityKind, Provider } from '../../model/inventory';
import { kindOption, parseIntOption, providerOption } from '../options';
import { formatTable } from '../table';

export function registerInventory(program: Command): void {
  program
    .command('inventory')
    .description('list the identities, credentials and grants of a scan (the latest by default)')
    .argument('<file>', 'engagement file')
    .option('--scan <id>', 'scan id (see `scans`)', parseIntOption('--scan', 1))
    .addOption(providerOption())
    .addOption(kindOption())
    .option('--json', 'print the whole inventory as JSON on stdout')
    .action(
      (file: string, opts: { scan?: number; provider?: Provider; kind?: IdentityKind; json?: boolean }) => {
        const view = readInventoryView(file, {
          ...(opts.scan !== undefined ? { scanId: opts.scan } : {}),
          ...(opts.provider ? { provider: opts.provider } : {}),
          ...(opts.kind ? { kind: opts.kind } : {}),
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ scan: view.scan, ...view.inventory }, null, 2)}\n`);
          return;
        }
        const inv = view.inventory;
        const perIdentity = (rows: readonly { identityId: string }[]) => {
          const counts = new Map<string, number>();
          for (const r of rows) counts.set(r.identityId, (counts.get(r.identityId) ?? 0) + 1);
          return counts;
        };
        const creds = perIdentity(inv.credentials);
        const grants = perIdentity(inv.grants);
        process.stdout.write(
          `Scan ${view.scan.id} "${view.scan.label}" (${view.scan.status}, ${view.scan.finishedAt}): ` +
            `${inv.identities.length} identities, ${inv.credentials.length} credentials, ${inv.grants.length} grants\n\n`,
        );
        process.stdout.write(
          `${formatTable(
            ['PROVIDER', 'KIND', 'NAME', 'ACCOUNT', 'CREDS', 'GRANTS', 'OWNERS'],
            inv.identities.map((i) => [
              i.provider,
              i.kind,
              i.displayName ?? i.name,
              i.account,
              creds.get(i.id) ?? 0,
              grants.get(i.id) ?? 0,
              i.owners.length,
            ]),
          )}\n`,
        );
      },
    );
}
