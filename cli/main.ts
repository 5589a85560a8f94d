/** Entry point of the `agent-anchor` command (bin/agent-anchor.mjs loads it through tsx). */
import { main } from './program';

process.exitCode = await main(process.argv.slice(2));
