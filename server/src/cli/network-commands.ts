import { approveNetwork, revokeNetwork } from '../commands/approved-networks';
import { requireWorkspace } from '../commands/workspaces';
import { listApprovedNetworks } from '../db/approved-networks-repo';
import { listWorkspaces } from '../db/workspaces-repo';
import { UsageError, type CliHandler } from './cli-io';
import { options, required } from './cli-args';

/** `network approve|list|revoke`: the operator's only way to open a private network to a workspace. */
export const NETWORK_COMMANDS: Record<string, CliHandler> = {
  'network approve': async (deps, args, io) => {
    const { values, positionals } = options(args, ['workspace', 'name']);
    if (positionals.length === 0) throw new UsageError('network approve needs at least one ENTRY');
    const workspace = await requireWorkspace(deps, required(values, 'workspace'));
    const network = await approveNetwork(deps, workspace, required(values, 'name'), positionals);
    io.stdout(`${JSON.stringify({ id: network.id, workspace: workspace.name, name: network.name, entries: network.entries })}\n`);
    return 0;
  },
  'network list': async (deps, args, io) => {
    const { values, positionals } = options(args, ['workspace']);
    if (positionals.length > 0) throw new UsageError('network list takes no positional arguments');
    const chosen = values.workspace ? [await requireWorkspace(deps, values.workspace)] : await listWorkspaces(deps.store.db);
    if (deps.config.approvedNetworks.length > 0) {
      io.stdout(`${JSON.stringify({ id: null, workspace: '*', name: 'APPROVED_NETWORKS', entries: deps.config.approvedNetworks })}\n`);
    }
    for (const workspace of chosen) {
      for (const network of await listApprovedNetworks(deps.store.db, workspace.id)) {
        io.stdout(
          `${JSON.stringify({ id: network.id, workspace: workspace.name, name: network.name, entries: network.entries, created_at: network.created_at })}\n`,
        );
      }
    }
    return 0;
  },
  'network revoke': async (deps, args, io) => {
    const { positionals } = options(args, []);
    if (positionals.length !== 1 || !/^net_[a-z0-9]+$/.test(positionals[0]!)) throw new UsageError('network revoke takes one net_… id (see network list)');
    const revoked = await revokeNetwork(deps, positionals[0]!);
    io.stderr(revoked ? `revoked ${positionals[0]}\n` : `no approved network ${positionals[0]}\n`);
    return revoked ? 0 : 1;
  },
};
