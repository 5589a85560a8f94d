/**
 * The desktop's recently opened engagements: a small JSON file in the user data folder, newest
 * first. A damaged file is treated as an empty list (it is a convenience, not data).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';
import { recentEngagementSchema, type RecentEngagement } from '../../model/api';

const MAX_RECENT = 12;
const fileSchema = z.object({ recent: z.array(recentEngagementSchema) });

export class RecentStore {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): RecentEngagement[] {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data.recent : [];
    } catch {
      return [];
    }
  }

  add(entry: { file: string; clientName?: string }): void {
    const file = nodePath.resolve(entry.file);
    const next: RecentEngagement[] = [
      {
        file,
        ...(entry.clientName !== undefined ? { clientName: entry.clientName } : {}),
        openedAt: this.now().toISOString(),
      },
      ...this.list().filter((r) => r.file !== file),
    ].slice(0, MAX_RECENT);
    mkdirSync(nodePath.dirname(this.file), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a list.
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ recent: next }, null, 2)}\n`);
    renameSync(temp, this.file);
  }

  has(file: string): boolean {
    const resolved = nodePath.resolve(file);
    return this.list().some((r) => r.file === resolved);
  }
}
