import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { AppError, adminPageOnly, notFoundWith } from '../../errors';
import { createApiToken, revokeApiToken, type TokenManager, type TokenRole } from '../../commands/api-tokens';
import { listApiTokenSummaries } from '../../presenters/api-token-summaries';
import { ApiTokenRevokePage, ApiTokensPage } from '../../views/api-tokens-page';
import { nonceOf, pageSession, principalOf, readForm, type PageContext } from './page-context';
import type { PageEnv } from './page-security';
import { putTokenFlash, takeTokenFlash } from './token-flash';

const PREFIX_PATTERN = /^wro_[a-z0-9]{10}$/;

/** The signed-in admin as a token manager: their workspace only, audited as `user:<email>`. */
function managerOf(c: PageContext): TokenManager & { workspaceId: string } {
  const principal = principalOf(c);
  if (principal.role !== 'admin') throw adminPageOnly();
  return { actor: principal.actor, workspaceId: principal.workspaceId };
}

/**
 * API tokens for admins: list, create (shown once through a sealed flash after a redirect, so a
 * reload neither shows it again nor creates another) and revoke after a confirmation. The same
 * commands as the CLI, so the same audit events.
 */
export function apiTokenRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  const findToken = async (c: PageContext, workspaceId: string) => {
    const prefix = c.req.param('prefix') ?? '';
    const token = PREFIX_PATTERN.test(prefix) ? (await listApiTokenSummaries(deps, workspaceId)).find((row) => row.prefix === prefix) : undefined;
    if (!token) throw notFoundWith(`There is no API token ${prefix} in this workspace.`, 'Go back to the API tokens page and choose a token from the list.');
    return token;
  };

  pages.get('/settings/api-tokens', async (c) => {
    const manager = managerOf(c);
    const tokens = await listApiTokenSummaries(deps, manager.workspaceId);
    const shown = await takeTokenFlash(deps, c);
    c.header('Cache-Control', 'no-store');
    const revokedPrefix = c.req.query('revoked');
    const revoked = tokens.find((token) => token.prefix === revokedPrefix && token.revoked_at !== null)?.prefix ?? null;
    return c.html(<ApiTokensPage session={pageSession(c)} nonce={nonceOf(c)} tokens={tokens} shown={shown} revoked={revoked} />);
  });

  pages.post('/settings/api-tokens', async (c) => {
    const manager = managerOf(c);
    const form = await readForm(c);
    const label = (form.label ?? '').trim();
    try {
      // createApiToken refuses any other role with VALIDATION_FAILED.
      const role = (form.role ?? '') as TokenRole;
      const created = await createApiToken(deps, { workspaceId: manager.workspaceId, role, ...(label ? { label } : {}) }, manager);
      await putTokenFlash(deps, c, { token: created.token, prefix: created.prefix, role });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const tokens = await listApiTokenSummaries(deps, manager.workspaceId);
      const values = { label, ...(form.role ? { role: form.role } : {}) };
      return c.html(
        <ApiTokensPage
          session={pageSession(c)}
          nonce={nonceOf(c)}
          tokens={tokens}
          error={{ code: error.code, message: error.message, nextAction: error.nextAction }}
          values={values}
        />,
        400,
      );
    }
    return c.redirect('/settings/api-tokens', 303);
  });

  pages.get('/settings/api-tokens/:prefix/revoke', async (c) => {
    const manager = managerOf(c);
    const token = await findToken(c, manager.workspaceId);
    if (token.revoked_at) return c.redirect(`/settings/api-tokens?revoked=${token.prefix}`, 303);
    return c.html(<ApiTokenRevokePage session={pageSession(c)} token={token} />);
  });

  pages.post('/settings/api-tokens/:prefix/revoke', async (c) => {
    const manager = managerOf(c);
    const token = await findToken(c, manager.workspaceId);
    // Already revoked (a second tab, a resubmitted form): nothing to repeat, same answer.
    if (!token.revoked_at) await revokeApiToken(deps, token.prefix, manager);
    return c.redirect(`/settings/api-tokens?revoked=${token.prefix}`, 303);
  });

  return pages;
}
