import { evaluateReadiness, stateAfterReadiness, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import type { AtomicWrite } from '../../db/database';
import { credentialsDestroy, replaceActiveCredential } from '../../db/credentials-repo';
import { forgeInstallationUpdate, listOtherPairedInstallations } from '../../db/forge-installations-repo';
import { fingerprintOf, sealSecret } from '../../crypto/secret-box';
import { newId } from '../../crypto/tokens';
import { tokenExpiry, type ForgeInvocation } from '../../forge/verify-forge-invocation';
import { changeTarget } from '../../commands/change-target';
import { failedCheck } from '../../commands/check-results';
import { ensureInstallation, type ForgeInstallationRow } from './forge-installations';
import { pendingTokenBinding } from './pair-forge-installation';

const systemPrincipal = (installation: ForgeInstallationRow): Principal => ({
  workspaceId: installation.workspaceId!,
  role: 'admin',
  actor: 'forge:lifecycle',
});

/** Blocks a paired target with PROVIDER_AUTH_REQUIRED: its credential is revoked and the reason recorded. */
async function blockForgeTarget(
  deps: AppDeps,
  installation: ForgeInstallationRow,
  action: string,
  reason: string,
  alsoWrite: AtomicWrite[] = [],
): Promise<void> {
  let applied = false;
  await changeTarget(deps, systemPrincipal(installation), installation.targetId!, (current, now) => {
    applied = current.state !== 'revoked';
    if (!applied) return null;
    const next: TargetRecord = { ...current, credential: null, checks: { ...current.checks, auth: failedCheck(now, reason, 'PROVIDER_AUTH_REQUIRED') } };
    return {
      next: { ...next, state: current.state === 'draft' ? 'draft' : 'blocked' },
      action,
      detail: { installation_id: installation.installationId, reason },
      writesBefore: [credentialsDestroy(deps.store.db, installation.workspaceId!, installation.targetId!, now), ...alsoWrite],
    };
  });
  if (!applied && alsoWrite.length > 0) await deps.store.atomic(alsoWrite);
}

/**
 * Keeps the freshest app system token: for a paired installation it replaces the target's sealed
 * credential (a target blocked only by an expired token becomes ready again); before pairing it is
 * kept sealed on the installation until a code binds it.
 */
export async function storeForgeSystemToken(deps: AppDeps, invocation: ForgeInvocation, token: string | null): Promise<void> {
  const installation = await ensureInstallation(deps, invocation);
  if (!token || installation.uninstalledAt) return;
  const expiresAt = tokenExpiry(token);
  const now = deps.clock.now();
  if (!installation.targetId || !installation.workspaceId) {
    const { sealed } = await sealSecret(deps.keyring, token, pendingTokenBinding(installation.installationId));
    await forgeInstallationUpdate(deps.store.db, installation.installationId, {
      pendingTokenSealed: sealed,
      pendingTokenExpiresAt: expiresAt?.toISOString() ?? null,
    });
    return;
  }
  const binding = { workspaceId: installation.workspaceId, targetId: installation.targetId, kind: 'forge_app' };
  const { sealed, keyId } = await sealSecret(deps.keyring, token, binding);
  await changeTarget(deps, systemPrincipal(installation), installation.targetId, (current, at) => {
    if (current.state === 'revoked' || current.auth_method !== 'forge_app') return null;
    const next: TargetRecord = {
      ...current,
      credential: { kind: 'forge_app', fingerprint: fingerprintOf(token), created_at: at.toISOString(), expires_at: expiresAt?.toISOString() ?? null },
      checks: { ...current.checks, auth: { status: 'passed', checked_at: at.toISOString(), reason: 'Forge delivered a fresh app system token.' } },
    };
    const readiness = evaluateReadiness(next, at, { maxCheckAgeMs: deps.config.checkMaxAgeMs });
    return {
      next: { ...next, state: stateAfterReadiness(next, readiness) },
      action: 'forge.token_refreshed',
      code: null,
      detail: { expires_at: expiresAt?.toISOString() ?? null },
      writesBefore: [
        ...replaceActiveCredential(
          deps.store.db,
          {
            id: newId('cred'),
            workspaceId: installation.workspaceId!,
            targetId: installation.targetId!,
            kind: 'forge_app',
            keyId,
            ciphertext: sealed,
            fingerprint: fingerprintOf(token),
            createdAt: at.toISOString(),
            expiresAt: expiresAt?.toISOString() ?? null,
          },
          now,
        ),
      ],
    };
  });
}

/**
 * `avi:forge:installed:app` / `upgraded`: store the token. A new installation id for a site that is
 * paired under an older installation is a reinstall: the old binding is blocked and needs a new pairing.
 */
export async function handleForgeInstalled(deps: AppDeps, invocation: ForgeInvocation, token: string | null): Promise<void> {
  const stale = await listOtherPairedInstallations(deps.store.db, invocation.cloudId, invocation.installationId);
  for (const old of stale) {
    const retire = forgeInstallationUpdate(deps.store.db, old.installationId, {
      targetId: null,
      workspaceId: null,
      uninstalledAt: deps.clock.now().toISOString(),
    });
    await blockForgeTarget(
      deps,
      old,
      'forge.reinstalled',
      'The WebRiskOps app was reinstalled on this site (new installation); pair it again with a new code.',
      [retire],
    );
  }
  await storeForgeSystemToken(deps, invocation, token);
}

/** `preUninstall`: the app is leaving the site; the target can no longer export and says why. */
export async function handleForgePreUninstall(deps: AppDeps, invocation: ForgeInvocation): Promise<void> {
  const installation = await ensureInstallation(deps, invocation);
  await forgeInstallationUpdate(deps.store.db, installation.installationId, {
    uninstalledAt: deps.clock.now().toISOString(),
    pendingTokenSealed: null,
    pendingTokenExpiresAt: null,
  });
  if (installation.targetId && installation.workspaceId) {
    await blockForgeTarget(
      deps,
      installation,
      'forge.pre_uninstall',
      'The WebRiskOps app is being uninstalled from this Jira site; reinstall it and pair again to export.',
    );
  }
}
