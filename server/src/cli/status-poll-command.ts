import { PROVIDER_KEYS } from '@webriskops/shared';
import { listTargetsForRecheck } from '../db/targets-repo';
import { pollAllTargets, pollIssueStatuses } from '../commands/status/poll-issue-statuses';
import { AppError } from '../errors';
import { UsageError, type CliHandler } from './cli-io';
import { options } from './cli-args';

/**
 * `status poll [--target ID]`: polls Jira for status changes of the findings' issues, of one target
 * (any workspace; the target id names it) or of every ready target. Prints one JSON line per poll.
 */
export const statusPollCommand: CliHandler = async (deps, args, io) => {
  const { values, positionals } = options(args, ['target']);
  if (positionals.length > 0) throw new UsageError('status poll takes no positional arguments');
  if (!values.target) {
    const result = await pollAllTargets(deps);
    io.stdout(`${JSON.stringify(result)}\n`);
    return result.errors > 0 ? 1 : 0;
  }
  const all = await listTargetsForRecheck(deps.store.db, PROVIDER_KEYS, ['draft', 'ready', 'blocked', 'revoked']);
  const target = all.find(({ id }) => id === values.target);
  if (!target) throw new AppError('NOT_FOUND', 404, `No target ${values.target}.`, 'Pass a target id from GET /api/v1/targets.');
  const result = await pollIssueStatuses(deps, { workspaceId: target.workspaceId, role: 'admin', actor: 'cli' }, target.id);
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
};
