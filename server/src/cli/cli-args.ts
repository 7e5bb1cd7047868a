import { parseArgs } from 'node:util';
import { UsageError } from './cli-io';

/** Parses `--name value` options and positionals strictly; anything unknown is a usage error. */
export function options(args: string[], names: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | undefined>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}
