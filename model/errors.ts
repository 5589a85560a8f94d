/**
 * Errors that reach the user carry a specific, one-line reason. Front ends print `message`;
 * nothing else of the error (stack, cause) is needed to act on it.
 */

/** A bad input file: names the file, the place in it and what is wrong. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}${where ? `: ${where}` : ''}: ${problem}`);
  }
}

/** The engagement file cannot be used: foreign, newer, corrupt or locked. */
export class EngagementFileError extends Error {
  override readonly name = 'EngagementFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** A request the caller made that cannot be met (unknown scan id, bad filter). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
