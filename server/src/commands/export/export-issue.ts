import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { conflict, notFound, unprocessable } from '../../errors';
import { sha256Hex } from '../../crypto/tokens';
import { signFindingProof, verifyFindingProof, type FindingProofSubject } from '../../crypto/finding-proof';
import { FINDING_PROPERTY_KEY, MAX_LABEL_CANDIDATES, type JiraIssueRef, type LabelledIssue } from '../../jira/jira-issues-client';
import type { JiraProblem } from '../../jira/jira-rest';
import { cachedMetadata } from './cached-metadata';
import { connectJira, type JiraTargetApi } from './connect-jira';
import { ExportError } from './export-errors';
import { findingLabel, type ExportIssueInput, type ExportIssueRequest } from './export-input';
import type { ExportRuntime } from './export-runtime';
import { claimFinding, forgetFinding, linkFinding, markLostCreate, releaseFinding, type FindingRef } from './finding-issue-links';
import { abandonIdempotencyKey, claimIdempotencyKey, completeIdempotencyKey } from './idempotency-keys';
import { createIssueBody, findingPropertyValue, updateIssueBody } from './issue-content';
import { throwForJiraProblem } from './jira-problem-error';
import { findTargetCached } from '../../db/cached-reads';
import { mappingProblemsBeforeJira, planIssue, type IssuePlan } from './plan-issue';
import { assertExportable } from './read-export-readiness';
import { resolveMapping } from './resolve-mapping';

/** How the companion knew which issue carries the finding. */
export type FoundBy = 'new' | 'finding_map' | 'label_search' | 'reconciled';

/** The answer to `POST /targets/{id}/issues`. */
export interface ExportIssueResult {
  action: 'created' | 'updated';
  target_id: string;
  fingerprint: string;
  issue: { id: string; key: string; url: string };
  found_by: FoundBy;
  warnings: string[];
}

export interface ExportIssueAnswer {
  status: 200 | 201;
  body: ExportIssueResult;
  /** True when an Idempotency-Key replayed a stored answer: nothing was sent to Jira. */
  replayed: boolean;
}

interface Delivery {
  deps: AppDeps;
  runtime: ExportRuntime;
  principal: Principal;
  target: TargetRecord;
  input: ExportIssueInput;
  api: JiraTargetApi;
  plan: IssuePlan;
  ref: FindingRef;
}

/** Waits a little (growing) for an identical request in flight; 409 once it has waited too long. */
async function waitForTurn(runtime: ExportRuntime, startedAt: number, round: number, what: string): Promise<void> {
  if (performance.now() - startedAt > runtime.settings.maxWaitForOtherMs) {
    throw conflict(`Another request is still exporting ${what}.`, 'Send the same request again in a few seconds; the first one will have finished.');
  }
  await runtime.sleep(Math.min(20 * 2 ** Math.min(round, 4), 250));
}

function answer(delivery: Delivery, action: 'created' | 'updated', foundBy: FoundBy, issue: JiraIssueRef, extraWarnings: string[] = []): ExportIssueAnswer {
  return {
    status: action === 'created' ? 201 : 200,
    replayed: false,
    body: {
      action,
      target_id: delivery.target.id,
      fingerprint: delivery.input.finding.fingerprint,
      issue: { id: issue.id, key: issue.key, url: delivery.api.browseUrl(issue.key) },
      found_by: foundBy,
      warnings: [...delivery.plan.warnings, ...extraWarnings],
    },
  };
}

function fail(delivery: Delivery, problem: JiraProblem, what: string): Promise<never> {
  return throwForJiraProblem(delivery.deps, delivery.principal, delivery.target.id, problem, what);
}

const proofSubject = (delivery: Delivery, binding: FindingProofSubject['binding']): FindingProofSubject => ({
  targetId: delivery.target.id,
  fingerprint: delivery.input.finding.fingerprint,
  binding,
});

/**
 * Whether a labelled issue is this target's issue for this finding: its property must carry a
 * proof over (target, fingerprint, issue id) that only this companion's master key makes, or,
 * while a lost create is reconciled, the proof over that create's nonce. A label or property
 * copied by a Jira user, or stamped for another target or workspace, is not ours.
 */
async function isOurs(delivery: Delivery, issue: LabelledIssue, createNonce: string | null): Promise<boolean> {
  const property = issue.property && typeof issue.property === 'object' ? (issue.property as Record<string, unknown>) : null;
  if (!property || property.target_id !== delivery.target.id || property.fingerprint !== delivery.input.finding.fingerprint) return false;
  const { keyring } = delivery.deps;
  if (await verifyFindingProof(keyring, proofSubject(delivery, { kind: 'issue', issueId: issue.id }), property.proof)) return true;
  return createNonce !== null && verifyFindingProof(keyring, proofSubject(delivery, { kind: 'create', nonce: createNonce }), property.create_proof);
}

/** The newest issue in the project that carries the fingerprint label AND a valid proof (see isOurs). */
async function findOurs(delivery: Delivery, createNonce: string | null): Promise<JiraIssueRef | null> {
  const { finding, mapping } = delivery.input;
  const label = findingLabel(finding.fingerprint);
  const found = await delivery.api.issues.findByLabel(mapping.project_key, label, (issue) => isOurs(delivery, issue, createNonce));
  if (!found.ok) return fail(delivery, found.problem, 'the duplicate search');
  if (found.value === 'too_many') {
    throw conflict(
      `More than ${MAX_LABEL_CANDIDATES} issues in ${mapping.project_key} carry the label ${label} and none of them was exported by WebRiskOps for this target, so the companion cannot tell whether the finding's issue exists. Nothing was created.`,
      `Remove the label from the issues that are not this finding's (JQL: project = ${mapping.project_key} AND labels = ${label}), then send the finding again.`,
    );
  }
  if (found.value.ignored.length > 0) {
    delivery.deps.logger.warn('export: labelled issues without a valid WebRiskOps proof were ignored', {
      target_id: delivery.target.id,
      issues: found.value.ignored.slice(0, 20).join(','),
    });
  }
  return found.value.ours;
}

/** The property with the proof over the issue id (the create carried only the nonce's): every update stamps it too. */
async function issueProof(delivery: Delivery, issue: JiraIssueRef) {
  return { proof: await signFindingProof(delivery.deps.keyring, proofSubject(delivery, { kind: 'issue', issueId: issue.id })) };
}

async function updateIssue(delivery: Delivery, issue: JiraIssueRef): Promise<'updated' | 'not_found'> {
  const { finding, mapping } = delivery.input;
  const body = updateIssueBody(delivery.api.flavor, delivery.target.id, finding, mapping, delivery.plan, await issueProof(delivery, issue));
  const result = await delivery.api.issues.update(issue.key, body);
  return result.ok ? result.value : fail(delivery, result.problem, 'PUT /issue/{key}');
}

/** After a create: stamps the proof over the new issue's id. A failure is a warning (the next export stamps it), except a blocked target. */
async function stampProof(delivery: Delivery, issue: JiraIssueRef): Promise<string[]> {
  const value = findingPropertyValue(delivery.target.id, delivery.input.finding, await issueProof(delivery, issue));
  const result = await delivery.api.issues.setProperty(issue.id, FINDING_PROPERTY_KEY, value);
  if (result.ok) return [];
  if (result.problem.kind === 'auth' || result.problem.kind === 'refused') return fail(delivery, result.problem, 'PUT /issue/{key}/properties/{property}');
  delivery.deps.logger.warn('export: the proof property of a new issue could not be stamped', {
    target_id: delivery.target.id,
    issue: issue.key,
    problem: result.problem.kind,
  });
  return ['The issue was created but its WebRiskOps proof could not be recorded on it yet; the next export of this finding records it.'];
}

/** 503 while a lost create may still surface in search: the issue is never created twice. */
function stillReconciling(delivery: Delivery, lostAt: string): ExportError {
  const remaining = delivery.runtime.settings.lostCreateWindowMs - (delivery.deps.clock.now().getTime() - Date.parse(lostAt));
  return new ExportError(
    'JIRA_UNAVAILABLE',
    503,
    'The answer to creating this issue was lost and Jira does not show the issue yet (search lags behind creates), so it is not created a second time.',
    'Send the same request again after Retry-After (same Idempotency-Key): the companion searches Jira again before creating anything.',
    Math.min(5, Math.max(1, Math.ceil(remaining / 1000))),
  );
}

/**
 * We hold the finding's lease and the map had no issue: look in Jira first (the map may be empty,
 * or an earlier create's answer was lost), update what is there, else create. When the answer to
 * a create is lost, search again a few times (Jira indexes new issues with a delay); if the issue
 * still does not show, answer 503 and create again only once `lostCreateWindowMs` has passed.
 */
async function createOrAdopt(
  delivery: Delivery,
  claim: { owner: string; lostCreateAt: string | null; lostCreateNonce: string | null },
): Promise<ExportIssueAnswer> {
  const { deps, runtime, input, ref } = delivery;
  const { owner, lostCreateAt } = claim;
  const link = (issue: JiraIssueRef) => linkFinding(deps, ref, input.mapping.project_key, issue);
  const existing = await findOurs(delivery, claim.lostCreateNonce);
  if (existing) {
    await link(existing);
    if ((await updateIssue(delivery, existing)) === 'updated') return answer(delivery, 'updated', 'label_search', existing);
  }
  if (lostCreateAt && deps.clock.now().getTime() - Date.parse(lostCreateAt) < runtime.settings.lostCreateWindowMs)
    throw stillReconciling(delivery, lostCreateAt);
  const nonce = owner;
  const createProof = await signFindingProof(deps.keyring, proofSubject(delivery, { kind: 'create', nonce }));
  const created = await delivery.api.issues.create(
    createIssueBody(delivery.api.flavor, delivery.target.id, input.finding, input.mapping, delivery.plan, { create_proof: createProof }),
  );
  if (created.ok) {
    await link(created.value);
    return answer(delivery, 'created', 'new', created.value, await stampProof(delivery, created.value));
  }
  if (created.problem.kind !== 'unreachable') return fail(delivery, created.problem, 'POST /issue');
  deps.logger.warn('export: the answer to an issue create was lost; reconciling by label', { target_id: delivery.target.id });
  const lostAt = await markLostCreate(deps, ref, owner, nonce);
  for (const delay of runtime.settings.reconcileDelaysMs) {
    await runtime.sleep(delay);
    const found = await findOurs(delivery, nonce);
    if (found) {
      await link(found);
      return answer(delivery, 'created', 'reconciled', found, await stampProof(delivery, found));
    }
  }
  throw stillReconciling(delivery, lostAt);
}

/** Creates or updates the finding's issue, one finding at a time per target (the map row is the lock). */
async function deliver(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  target: TargetRecord,
  request: ExportIssueRequest,
): Promise<ExportIssueAnswer> {
  const { finding } = request;
  const mapping = await resolveMapping(deps, principal, target.id, request.mapping);
  const input: ExportIssueInput = { finding, mapping };
  const refused = mappingProblemsBeforeJira(mapping);
  if (refused.length > 0) {
    const named = refused.map((problem) => `${problem.field}: ${problem.message}`).join(' ');
    throw unprocessable(
      `${named} Nothing was sent.`,
      'Remove the named fields and labels from the mapping (extra_fields takes custom text, number, date, select and label fields, components, versions, fixVersions, duedate and environment), then send the finding again.',
    );
  }
  assertExportable(deps, target);
  const api = await connectJira(deps, runtime, principal, target);
  const metadata = cachedMetadata(deps, runtime, principal, target, api);
  const types = await metadata.issueTypes(mapping.project_key);
  if (types === 'unknown_project') {
    throw unprocessable(
      `mapping.project_key: project ${mapping.project_key} does not exist on this Jira or the credential cannot create issues in it. Nothing was sent.`,
      `Pick a project from GET /api/v1/targets/${target.id}/metadata.`,
    );
  }
  if (!types.some((type) => type.id === mapping.issue_type_id)) {
    const allowed = types.map((type) => `${type.id} (${type.name})`).join(', ') || 'none';
    throw unprocessable(
      `mapping.issue_type_id: issue type ${mapping.issue_type_id} is not available in ${mapping.project_key}; allowed: ${allowed}. Nothing was sent.`,
      `Pick an issue type from GET /api/v1/targets/${target.id}/metadata?project_key=${mapping.project_key}.`,
    );
  }
  const planned = planIssue(await metadata.createFields(mapping.project_key, mapping.issue_type_id), finding, mapping);
  if (!planned.ok) {
    const named = planned.problems.map((problem) => `${problem.field}: ${problem.message}`).join(' ');
    throw unprocessable(
      `The mapping does not fit ${mapping.project_key} / issue type ${mapping.issue_type_id}. ${named} Nothing was sent.`,
      `Map the named fields as GET /api/v1/targets/${target.id}/metadata?project_key=${mapping.project_key} describes them, then send the finding again.`,
    );
  }
  const ref: FindingRef = { workspaceId: principal.workspaceId, targetId: target.id, fingerprint: finding.fingerprint };
  const delivery: Delivery = { deps, runtime, principal, target, input, api, plan: planned.plan, ref };
  const startedAt = performance.now();
  for (let round = 0; ; round += 1) {
    const claim = await claimFinding(deps, ref, mapping.project_key, runtime.settings.leaseMs);
    if (claim.kind === 'busy') {
      await waitForTurn(runtime, startedAt, round, `finding ${finding.fingerprint}`);
      continue;
    }
    if (claim.kind === 'linked') {
      const issue = { id: claim.issueId, key: claim.issueKey };
      if ((await updateIssue(delivery, issue)) === 'updated') return answer(delivery, 'updated', 'finding_map', issue);
      await forgetFinding(deps, ref, claim.issueId);
      continue;
    }
    try {
      return await createOrAdopt(delivery, claim);
    } catch (error) {
      await releaseFinding(deps, ref, claim.owner);
      throw error;
    }
  }
}

/**
 * `POST /targets/{id}/issues`: the call's mapping over the target's export profile (422 when
 * there is neither, or the profile is broken), readiness (a blocked target answers 409 and nothing
 * is sent), then the mapping against create metadata (422 naming the fields), then create or update. With an
 * `Idempotency-Key` the request is claimed in the database before anything is sent: the same key
 * and body replay the first answer (also to a racing twin, which waits for it); another body is 422.
 */
export async function exportIssue(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  input: ExportIssueRequest,
  idempotencyKey: string | null,
): Promise<ExportIssueAnswer> {
  const target = await findTargetCached(deps.store, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (!idempotencyKey) return deliver(deps, runtime, principal, target, input);
  const ref = { workspaceId: principal.workspaceId, key: idempotencyKey };
  const requestHash = await sha256Hex(JSON.stringify({ target_id: targetId, ...input }));
  const startedAt = performance.now();
  for (let round = 0; ; round += 1) {
    const claim = await claimIdempotencyKey(deps, ref, { requestHash, targetId, leaseMs: runtime.settings.leaseMs, ttlMs: runtime.settings.idempotencyTtlMs });
    if (claim.kind === 'replay') return { status: claim.status === 201 ? 201 : 200, body: claim.body as ExportIssueResult, replayed: true };
    if (claim.kind === 'mismatch') {
      throw new ExportError(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'This Idempotency-Key was used with another target or body.',
        'Use a new Idempotency-Key for a different request; keys are kept for 24 hours.',
      );
    }
    if (claim.kind === 'busy') {
      await waitForTurn(runtime, startedAt, round, 'this Idempotency-Key');
      continue;
    }
    try {
      const result = await deliver(deps, runtime, principal, target, input);
      await completeIdempotencyKey(deps, ref, claim.owner, result.status, result.body);
      return result;
    } catch (error) {
      await abandonIdempotencyKey(deps, ref, claim.owner);
      throw error;
    }
  }
}
