/**
 * `agent-anchor`: the command line. Long work reports progress on stderr; `--json` output goes to
 * stdout; any error ends with a non-zero exit and a one-line reason.
 */
import { Command, CommanderError } from 'commander';
import { EngagementFileError, InputError, UsageError } from '../model/errors';
import { registerDemo } from './commands/demo';
import { registerImport } from './commands/import';
import { registerInventory } from './commands/inventory';
import { registerVerify } from './commands/verify';
import { registerScans } from './commands/scans';
import { registerScan } from './commands/scan';
import { registerPermissions } from './commands/permissions';
import { registerServe } from './commands/serve';
import { registerAssess } from './commands/assess';
import { registerFindings } from './commands/findings';
import { registerKpis } from './commands/kpis';
import { registerDiff } from './commands/diff';
import { registerTriage } from './commands/triage';
import { registerSuppress } from './commands/suppress';
import { registerReport } from './commands/report';

export function buildProgram(): Command {
  const program = new Command('agent-anchor')
    .description(
      'Find the non-human identities acting as AI agents in AWS and Entra ID, score them locally, report.',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerImport(program);
  registerInventory(program);
  registerScans(program);
  registerScan(program);
  registerPermissions(program);
  registerAssess(program);
  registerFindings(program);
  registerKpis(program);
  registerDiff(program);
  registerTriage(program);
  registerSuppress(program);
  registerReport(program);
  registerVerify(program);
  registerServe(program);
  return program;
}

function reason(error: unknown): { message: string; code: number } {
  if (error instanceof InputError || error instanceof EngagementFileError)
    return { message: error.message, code: 1 };
  if (error instanceof UsageError) return { message: error.message, code: 2 };
  if (error instanceof Error) {
    // A one-line reason: the first line of the message, no stack.
    return { message: error.message.split('\n')[0] ?? 'error', code: 1 };
  }
  return { message: String(error), code: 1 };
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that found a problem without throwing (verify) sets the exit code itself.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (help, version, or the usage error).
      return error.exitCode === 0 ? 0 : 2;
    }
    const { message, code } = reason(error);
    process.stderr.write(`agent-anchor: ${message}\n`);
    return code;
  }
}
