import { userInfo } from 'node:os';

/** Who is acting, for the audit log: the OS account running the app or CLI. */
export function currentActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // userInfo() throws on systems without a passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
