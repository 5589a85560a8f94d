/** The version of Agent Anchor recorded in files it creates and upgrades. */
import packageJson from '../package.json';

export const APP_VERSION: string = packageJson.version;
