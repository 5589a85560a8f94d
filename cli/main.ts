/** Entry point of the `agent-anchor` command (bin/agent-anchor.mjs loads it through tsx). */
import { main } from './program';

process.exitCode = await main(process.argv.slice(2));

// The command is done. Whatever a library left open must not keep the process alive: after a
// browser sign-in cancelled with Ctrl-C, MSAL's loopback server still waits for a redirect that
// will never come. Output still on its way (a pipe to a slow reader) is waited for, never cut.
// Unreferenced, the timer does not delay a process that ends by itself.
function exitOnceFlushed(): void {
  if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0)
    setTimeout(exitOnceFlushed, 200).unref();
  else process.exit();
}
setTimeout(exitOnceFlushed, 1000).unref();
