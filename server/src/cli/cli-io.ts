/** What a CLI command may touch: its streams, so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

/** Thrown for bad arguments: the runner prints usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
