import type { AppDeps } from '../deps';

/** What a CLI command may touch: its streams, so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of stdin; `prompt` is shown only when a person is typing. */
  readStdin: (prompt?: string) => Promise<string>;
}

/** Thrown for bad arguments: the runner prints usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One CLI command: returns its exit code. */
export type CliHandler = (deps: AppDeps, args: string[], io: CliIo) => Promise<number>;
