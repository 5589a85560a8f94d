/**
 * An engagement whose Entra application names are attacks on the UI: markup, script, event
 * handlers, template syntax and a spreadsheet formula. Built the way a client's data arrives: the
 * demo tenant's raw Graph files, renamed, then imported and assessed through the real use cases.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import { writeDemoRawFiles } from '../../engagement/demo';
import { importIntoEngagement } from '../../engagement/import';

/** Each name, if it ran, would write `pwned` into the document title or a global. */
export const HOSTILE_NAMES = [
  `<img src=x onerror="document.title='pwned-img'"> Copilot Sales`,
  `<script>document.title='pwned-script'</script> Invoice Agent`,
  `"><svg onload="window.__pwned='svg'"></svg> Service Desk`,
  `{{constructor.constructor('window.__pwned=1')()}} <b>bold</b> & Co`,
  `=HYPERLINK("http://evil.example","open") Payroll bot`,
] as const;

export const HOSTILE_CLIENT = `<img src=x onerror="window.__pwned='client'"> Hostile Inc`;

const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

interface GraphObject {
  id: string;
  appId?: string;
  displayName?: string;
  appOwnerOrganizationId?: string | null;
  servicePrincipalType?: string;
}

function pages(dir: string, base: string): string[] {
  return readdirSync(dir)
    .filter((f) => f === `${base}.json` || new RegExp(`^${base}\\.\\d+\\.json$`).test(f))
    .map((f) => nodePath.join(dir, f));
}

/** Writes the engagement to `file`; returns the renamed service principals' appIds. */
export async function createHostileEngagement(file: string, rawDir: string): Promise<string[]> {
  const now = new Date('2026-11-01T00:00:00Z');
  const written = await writeDemoRawFiles(rawDir, { size: 150, seed: 11, now });
  const v1 = nodePath.join(written.entraDir, 'v1.0');
  const renamed = new Map<string, string>();
  for (const page of pages(v1, 'servicePrincipals')) {
    const body = JSON.parse(readFileSync(page, 'utf8')) as { value: GraphObject[] };
    for (const sp of body.value) {
      if (renamed.size >= HOSTILE_NAMES.length) break;
      const own = sp.appOwnerOrganizationId !== MICROSOFT_TENANT && sp.servicePrincipalType === 'Application';
      if (!own || sp.appId === undefined) continue;
      const name = HOSTILE_NAMES[renamed.size] as string;
      renamed.set(sp.appId, name);
      sp.displayName = name;
    }
    writeFileSync(page, JSON.stringify(body));
  }
  for (const page of pages(v1, 'applications')) {
    const body = JSON.parse(readFileSync(page, 'utf8')) as { value: GraphObject[] };
    for (const app of body.value) {
      const name = app.appId !== undefined ? renamed.get(app.appId) : undefined;
      if (name !== undefined) app.displayName = name;
    }
    writeFileSync(page, JSON.stringify(body));
  }
  if (renamed.size < HOSTILE_NAMES.length)
    throw new Error('the demo tenant has too few own applications to rename');
  await importIntoEngagement(
    file,
    { awsDirs: [written.awsDir], entraDirs: [written.entraDir] },
    { now, actor: 'e2e', clientName: HOSTILE_CLIENT },
  );
  return [...renamed.keys()];
}
