import { appendFileSync } from 'node:fs';
import { mintApiToken, TOKEN_ROLES, type TokenRole } from '../commands/api-tokens';
import { newId } from '../crypto/tokens';
import { UsageError, type CliHandler } from './cli-io';
import { options, required } from './cli-args';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * `d1 token --workspace W --role R --sql FILE`: for a companion on Workers, where this CLI cannot
 * reach the database. Prints a new token (shown once) and appends to FILE the SQL that creates the
 * workspace if needed and stores the token's hash; apply it with `wrangler d1 execute DB --file FILE`.
 */
export const d1TokenCommand: CliHandler = async (deps, args, io) => {
  const { values, positionals } = options(args, ['workspace', 'role', 'sql']);
  if (positionals.length > 0) throw new UsageError('d1 token takes no positional arguments');
  const workspace = required(values, 'workspace');
  const role = required(values, 'role');
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(workspace)) throw new UsageError('--workspace must be a lowercase slug');
  if (!TOKEN_ROLES.includes(role as TokenRole)) throw new UsageError(`--role must be admin or export (got "${role}")`);
  const file = required(values, 'sql');
  const minted = await mintApiToken();
  const now = quote(deps.clock.now().toISOString());
  const sql = [
    `INSERT INTO workspaces (id, name, created_at) SELECT ${quote(newId('ws'))}, ${quote(workspace)}, ${now} WHERE NOT EXISTS (SELECT 1 FROM workspaces WHERE name = ${quote(workspace)});`,
    `INSERT INTO api_tokens (id, workspace_id, prefix, token_hash, role, created_at) SELECT ${quote(newId('tok'))}, id, ${quote(minted.prefix)}, ${quote(minted.tokenHash)}, ${quote(role)}, ${now} FROM workspaces WHERE name = ${quote(workspace)};`,
  ].join('\n');
  appendFileSync(file, `${sql}\n`, { mode: 0o600 });
  io.stdout(`${minted.token}\n`);
  io.stderr(
    `wrote the SQL for ${role} token ${minted.prefix} of workspace ${workspace} to ${file}; apply it with: npx wrangler d1 execute DB --remote --file ${file}\n`,
  );
  return 0;
};
