/** Entry point of the `agent-anchor` command (bin/agent-anchor.mjs loads it through tsx). */
import { main } from './program';

process.exitCode = await main(process.argv.slice(2));
// The command is done. Whatever a library left open must not keep the process alive: after a
// browser sign-in cancelled with Ctrl-C, MSAL's loopback server still waits for a redirect that
// will never come. Unreferenced, this timer does not delay a process that ends by itself.
setTimeout(() => process.exit(), 1000).unref();
