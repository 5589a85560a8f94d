/** Progress events of long work (import, demo, scan), for CLI bars and the app's scan screen. */
export interface ProgressEvent {
  phase: string;
  /** Human-readable detail: the file, account or endpoint being worked on. */
  detail?: string;
  done?: number;
  total?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

export const noProgress: ProgressListener = () => undefined;
