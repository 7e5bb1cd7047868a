import { refuseForbiddenText } from '../commands/free-text-field';
import { checkUrlsForWorkspace } from '../commands/check-url-for-workspace';
import { requireWorkspace } from '../commands/workspaces';
import { UsageError, type CliHandler } from './cli-io';
import { options } from './cli-args';

/**
 * `check-url [--workspace W] [URL ...]`: one JSON verdict per line; exit 0 when every URL is
 * allowed, 1 when any is refused. Resolves and judges only: no connection to any target.
 */
export const checkUrlCommand: CliHandler = async (deps, args, io) => {
  const { values, positionals } = options(args, ['workspace']);
  const workspace = values.workspace ? await requireWorkspace(deps, values.workspace) : null;
  const urls =
    positionals.length > 0
      ? positionals
      : (await io.readStdin())
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line.length > 0);
  if (urls.length === 0) throw new UsageError('check-url needs URLs as arguments or one per line on stdin');
  urls.forEach((url, index) => refuseForbiddenText(`URL ${index + 1}`, url));
  const verdicts = await checkUrlsForWorkspace(deps, workspace?.id ?? null, urls);
  for (const verdict of verdicts) io.stdout(`${JSON.stringify(verdict)}\n`);
  return verdicts.every((verdict) => verdict.allowed) ? 0 : 1;
};
