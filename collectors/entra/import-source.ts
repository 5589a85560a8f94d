/** The offline import's source row and the one-call transform of a folder read by `readEntraDir`. */
import type { Inventory, Source } from '../../model/inventory';
import type { EntraDirRead } from './read-folder';
import { entraTenantId, transformEntraTenant } from './transform';

export function entraImportSource(tenantId: string, inputs: readonly string[]): Source {
  return {
    id: `entra:${tenantId}:import`,
    provider: 'entra',
    method: 'import',
    account: tenantId,
    label: `Entra tenant ${tenantId} (offline import)`,
    inputs: [...inputs],
  };
}

/**
 * Transforms one export folder (as read by `readEntraDir`) into an inventory. The source names the
 * folder, not its files: a large tenant's export holds tens of thousands of per-object files.
 */
export function transformEntraImport(read: EntraDirRead, collectedAt: string): Inventory {
  const source = entraImportSource(entraTenantId(read.raw), [read.dir]);
  return transformEntraTenant(read.raw, { source, collectedAt, readNotes: read.notes });
}
