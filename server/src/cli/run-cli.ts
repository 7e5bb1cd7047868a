import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import { createWorkspace, requireWorkspace } from '../commands/workspaces';
import { createUser } from '../commands/users';
import { createApiToken, revokeApiToken, TOKEN_ROLES, type TokenRole } from '../commands/api-tokens';
import { UsageError, type CliHandler, type CliIo } from './cli-io';
import { options, required } from './cli-args';
import { NETWORK_COMMANDS } from './network-commands';
import { checkUrlCommand } from './check-url-command';
import { d1TokenCommand } from './d1-token-command';
import { LIST_COMMANDS } from './list-commands';
import { statusPollCommand } from './status-poll-command';

export const USAGE = `Usage: npm run companion -- <command>

  workspace create <name>                           create a workspace (lowercase slug)
  workspace list                                    workspaces, one JSON line each
  user create --workspace W --email E               create an admin; password read from stdin
  user list [--workspace W]                         users (email, role, created), one JSON line each
  token create --workspace W --role admin|export [--label L]
                                                    print a new API token (shown once) on stdout
  token list [--workspace W]                        tokens (prefix, role, label, created, last used,
                                                    revoked), one JSON line each; never the token
  token revoke <prefix>                             revoke a token by its wro_… prefix
  network approve --workspace W --name N ENTRY...   approve a private network (tunnel) for a workspace;
                                                    entries: IP, CIDR, ip:port, [v6]:port, domain, domain:port
  network list [--workspace W]                      approved networks in force (and APPROVED_NETWORKS)
  network revoke <network-id>                       stop approving a network (takes effect at once)
  check-url [--workspace W] [URL ...]               judge URLs (arguments, or one per line on stdin):
                                                    one JSON verdict per line; exit 0 all allowed, 1 any refused
  d1 token --workspace W --role admin|export --sql FILE
                                                    for Workers: print a token, append the SQL that stores
                                                    it (and the workspace) to FILE for wrangler d1 execute
  status poll [--target ID]                         poll Jira for status changes of exported findings'
                                                    issues (one target, or every ready one); JSON per line
`;

/** Every command the CLI knows; more (network, check-url) register here. */
export const CLI_COMMANDS: Record<string, CliHandler> = {
  ...NETWORK_COMMANDS,
  ...LIST_COMMANDS,
  'check-url': checkUrlCommand,
  'd1 token': d1TokenCommand,
  'status poll': statusPollCommand,
  'workspace create': async (deps, args, io) => {
    const { positionals } = options(args, []);
    if (positionals.length !== 1) throw new UsageError('workspace create takes exactly one name');
    const workspace = await createWorkspace(deps, positionals[0]!);
    io.stdout(`${workspace.name}\n`);
    return 0;
  },
  'user create': async (deps, args, io) => {
    const { values, positionals } = options(args, ['workspace', 'email']);
    if (positionals.length > 0) throw new UsageError('user create takes no positional arguments');
    const workspace = await requireWorkspace(deps, required(values, 'workspace'));
    const password = (await io.readStdin('Password: ')).replace(/\r?\n$/, '');
    const user = await createUser(deps, { workspaceId: workspace.id, email: required(values, 'email'), password });
    io.stderr(`created admin ${user.email} in workspace ${workspace.name}\n`);
    return 0;
  },
  'token create': async (deps, args, io) => {
    const { values, positionals } = options(args, ['workspace', 'role', 'label']);
    if (positionals.length > 0) throw new UsageError('token create takes no positional arguments');
    const role = required(values, 'role');
    if (!TOKEN_ROLES.includes(role as TokenRole)) throw new UsageError(`--role must be admin or export (got "${role}")`);
    const workspace = await requireWorkspace(deps, required(values, 'workspace'));
    const { token, prefix } = await createApiToken(deps, {
      workspaceId: workspace.id,
      role: role as TokenRole,
      ...(values.label ? { label: values.label } : {}),
    });
    io.stdout(`${token}\n`);
    io.stderr(`created ${role} token ${prefix} for workspace ${workspace.name}; it is shown only once\n`);
    return 0;
  },
  'token revoke': async (deps, args, io) => {
    const { positionals } = options(args, []);
    if (positionals.length !== 1 || !/^wro_[a-z0-9]{10}$/.test(positionals[0]!)) throw new UsageError('token revoke takes one wro_… prefix');
    const revoked = await revokeApiToken(deps, positionals[0]!);
    io.stderr(revoked ? `revoked ${positionals[0]}\n` : `no active token ${positionals[0]}\n`);
    return revoked ? 0 : 1;
  },
};

/** Runs one CLI command: 0 success, 1 refused, 2 bad usage or no command at all (usage printed); `help` prints it and exits 0. */
export async function runCli(deps: AppDeps, argv: string[], io: CliIo): Promise<number> {
  const key = argv.slice(0, 2).join(' ');
  const single = argv[0] ?? '';
  const handler = CLI_COMMANDS[key] ?? CLI_COMMANDS[single];
  const rest = CLI_COMMANDS[key] ? argv.slice(2) : argv.slice(1);
  if (!handler) {
    if (single === 'help' || single === '--help') {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(argv.length === 0 ? USAGE : `Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(deps, rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.stderr(`${error.message}\n${error.nextAction}\n`);
      return 1;
    }
    throw error;
  }
}
