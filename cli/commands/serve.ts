/**
 * `agent-anchor serve FILE [--port N]`: the app in a browser. Serves the built renderer and the app
 * API on 127.0.0.1 only and prints the URL to open (it carries the access token). FILE is the
 * engagement the browser works on; when it does not exist yet, the start screen creates it (an
 * empty engagement or the demo).
 */
import { existsSync } from 'node:fs';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { AppApi } from '../../engagement/api';
import { currentActor } from '../../engagement/actor';
import { appAssessment, assessmentAvailable, createAppExporter } from '../../engagement/app-services';
import { UsageError } from '../../model/errors';
import { parseIntOption } from '../options';
import { createBrowserHost } from '../serve/browser-host';
import { startServer } from '../serve/server';

const packageRoot = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('open the app in a browser: serve FILE on 127.0.0.1 and print the URL to open')
    .argument('<file>', 'engagement file (created from the start screen when it does not exist)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parseIntOption('--port', 0, 65535), 0)
    .option('--renderer <dir>', 'built renderer folder (default: out/renderer of `npm run build`)')
    .option(
      '--demo-latency <ms>',
      'latency the demo emulators add per response',
      parseIntOption('--demo-latency', 0, 2000),
    )
    .action(async (file: string, opts: { port: number; renderer?: string; demoLatency?: number }) => {
      const rendererDir = nodePath.resolve(opts.renderer ?? nodePath.join(packageRoot, 'out', 'renderer'));
      if (!existsSync(nodePath.join(rendererDir, 'index.html'))) {
        throw new UsageError(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
      }
      const host = createBrowserHost(file, { actor: currentActor() });
      const api = new AppApi({
        host,
        assessment: appAssessment,
        assessmentAvailable,
        exporter: createAppExporter(),
        ...(opts.demoLatency !== undefined ? { demoLatencyMs: opts.demoLatency } : {}),
      });
      if (existsSync(host.servedFile ?? file)) {
        api.open(host.servedFile ?? file);
        // The inventory index is built once per scan; before the URL is printed, so the first
        // screen does not wait for it.
        const started = performance.now();
        await api.warm();
        const seconds = (performance.now() - started) / 1000;
        if (seconds > 1)
          process.stderr.write(`agent-anchor serve: inventory index ready in ${seconds.toFixed(1)} s\n`);
      }
      const server = await startServer({ api, rendererDir, port: opts.port });
      process.stdout.write(`Agent Anchor is serving ${host.servedFile ?? file}\nOpen ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stderr.write('agent-anchor serve: stopping\n');
      await server.close();
      await api.close();
      host.dispose();
    });
}
