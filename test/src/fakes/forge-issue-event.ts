import { randomUUID } from 'node:crypto';
import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import type { FakeIssue } from './fake-atlassian-cloud-state';
import type { FakeAtlassianCloud } from './fake-atlassian-cloud';
import type { ForgeInvocationSigner } from './forge-invocation-signer';
import { renderCloudStatus } from './fake-jira-cloud-transitions';

/** The Jira product events the status trigger receives. */
export type ForgeIssueEventType = 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';

/**
 * A Jira issue event as the Forge platform delivers it to the status trigger's remote endpoint:
 * a trigger invocation token for the endpoint (`core:endpoint`, no context, no principal) with the
 * app system token, and the documented product-event payload (eventType, issue with the fields
 * the event reference lists, atlassianId, changelog) as the body.
 */
export function forgeIssueEvent(
  world: { cloud: FakeAtlassianCloud; signer: ForgeInvocationSigner },
  installationId: string,
  eventType: ForgeIssueEventType,
  issue: FakeIssue,
  options: { jti?: string; moduleKey?: string } = {},
) {
  const { cloudId } = world.cloud.defaults.site;
  const tokens = world.cloud.issueForgeTokens({ installationId });
  const invocation = world.signer.invocation({
    kind: 'trigger',
    cloudId,
    installationId,
    moduleKey: options.moduleKey ?? FORGE_MODULE_KEYS.issueStatusEndpoint,
    systemToken: tokens.systemToken,
    ...(options.jti ? { jti: options.jti } : {}),
  });
  const restBase = `${world.cloud.apiBaseUrl(cloudId)}/rest/api/3`;
  const body = {
    eventType,
    atlassianId: `557058:${randomUUID()}`,
    issue: {
      id: issue.id,
      key: issue.key,
      // The fields Atlassian's event reference lists for an issue event: no resolution among them.
      fields: {
        summary: issue.fields.summary ?? null,
        status: renderCloudStatus(issue, restBase).status,
        created: new Date(issue.createdAt).toISOString().replace('Z', '+0000'),
        updated: new Date(issue.updatedAt).toISOString().replace('Z', '+0000'),
      },
    },
    ...(eventType === 'avi:jira:updated:issue'
      ? {
          changelog: {
            id: String(Date.now()),
            items: [{ field: 'status', fieldtype: 'jira', to: issue.status?.id ?? '10000', toString: issue.status?.name ?? 'To Do' }],
          },
        }
      : {}),
    associatedUsers: [],
  };
  return { headers: { ...invocation.headers, 'content-type': 'application/json' }, body, jti: String(invocation.claims.jti) };
}
