import type { AppDeps } from '../../deps';
import {
  findingLinkClaim,
  findingLinkForget,
  findingLinkMarkLostCreate,
  findingLinkRelease,
  findingLinkSet,
  type FindingClaim,
  type FindingRef,
} from '../../db/finding-links-repo';
import { newId } from '../../crypto/tokens';

export type { FindingClaim, FindingRef };

/**
 * The finding-to-issue map and the lock on creating: the first caller inserts a `creating` row
 * (atomically: the unique key refuses the others) and holds it for `leaseMs`; a lease that ran out
 * (a crashed process, a lost answer) is taken over by exactly one caller, who searches Jira before
 * creating anything. A linked row answers at once.
 */
export function claimFinding(deps: AppDeps, ref: FindingRef, projectKey: string, leaseMs: number): Promise<FindingClaim> {
  // A lease id only when there is something to lease: a linked finding (the common case) needs none.
  return findingLinkClaim(deps.store.db, ref, projectKey, () => newId('lease'), deps.clock.now(), leaseMs);
}

/** Records the issue that carries the finding (and ends any lease). */
export function linkFinding(deps: AppDeps, ref: FindingRef, projectKey: string, issue: { id: string; key: string }): Promise<void> {
  return findingLinkSet(deps.store.db, ref, projectKey, issue, deps.clock.now());
}

/**
 * Records that a create was sent and its answer lost: the issue may exist although search does not
 * show it yet; it carries a proof made over `nonce`, which whoever reconciles later must accept.
 */
export async function markLostCreate(deps: AppDeps, ref: FindingRef, owner: string, nonce: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  await findingLinkMarkLostCreate(deps.store.db, ref, owner, nonce, at);
  return at;
}

/** Ends our lease early after a failure; the row stays, so the next caller searches Jira first. */
export function releaseFinding(deps: AppDeps, ref: FindingRef, owner: string): Promise<void> {
  return findingLinkRelease(deps.store.db, ref, owner, deps.clock.now());
}

/** Forgets a link whose issue Jira no longer shows (deleted or moved out of reach). */
export function forgetFinding(deps: AppDeps, ref: FindingRef, issueId: string): Promise<void> {
  return findingLinkForget(deps.store.db, ref, issueId);
}
