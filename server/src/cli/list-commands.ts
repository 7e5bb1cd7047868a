import { requireWorkspace } from '../commands/workspaces';
import { listApiTokenSummaries } from '../presenters/api-token-summaries';
import { listUsers } from '../db/users-repo';
import { listWorkspaces, listWorkspacesCreated } from '../db/workspaces-repo';
import type { AppDeps } from '../deps';
import { UsageError, type CliHandler } from './cli-io';
import { options } from './cli-args';

/** The workspaces a list covers: the one named with `--workspace`, or every one. */
async function chosenWorkspaces(deps: AppDeps, args: string[], command: string) {
  const { values, positionals } = options(args, ['workspace']);
  if (positionals.length > 0) throw new UsageError(`${command} takes no positional arguments`);
  return values.workspace ? [await requireWorkspace(deps, values.workspace)] : listWorkspaces(deps.store.db);
}

/** `token list`, `user list`, `workspace list`: one JSON object per line; never a secret or a hash. */
export const LIST_COMMANDS: Record<string, CliHandler> = {
  'token list': async (deps, args, io) => {
    for (const workspace of await chosenWorkspaces(deps, args, 'token list')) {
      for (const token of await listApiTokenSummaries(deps, workspace.id)) io.stdout(`${JSON.stringify({ workspace: workspace.name, ...token })}\n`);
    }
    return 0;
  },
  'user list': async (deps, args, io) => {
    for (const workspace of await chosenWorkspaces(deps, args, 'user list')) {
      for (const user of await listUsers(deps.store.db, workspace.id)) {
        io.stdout(`${JSON.stringify({ workspace: workspace.name, email: user.email, role: user.role, created_at: user.createdAt })}\n`);
      }
    }
    return 0;
  },
  'workspace list': async (deps, args, io) => {
    const { positionals } = options(args, []);
    if (positionals.length > 0) throw new UsageError('workspace list takes no arguments');
    for (const workspace of await listWorkspacesCreated(deps.store.db))
      io.stdout(`${JSON.stringify({ name: workspace.name, created_at: workspace.createdAt })}\n`);
    return 0;
  },
};
