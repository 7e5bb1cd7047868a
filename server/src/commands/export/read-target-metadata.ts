import type { ProviderKey } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { notFound, notFoundWith } from '../../errors';
import type { JiraAllowedValue, JiraCreateField, JiraProjectSummary } from '../../jira/issue-metadata';
import { cachedMetadata } from './cached-metadata';
import { connectJira } from './connect-jira';
import type { ExportRuntime } from './export-runtime';
import { findTargetCached } from '../../db/cached-reads';
import { COMPANION_FIELDS } from './plan-issue';
import { assertExportable } from './read-export-readiness';

/** A field as the mapping sees it. */
export interface FieldView {
  id: string;
  name: string;
  type: string;
  items: string | null;
  custom: string | null;
  required: boolean;
  has_default_value: boolean;
  /** `companion`: filled from the finding and mapping; `mapping`: goes in `extra_fields`. */
  filled_by: 'companion' | 'mapping';
  allowed_values: JiraAllowedValue[] | null;
}

/** One issue type of the project with what a mapping needs for it. */
export interface IssueTypeView {
  id: string;
  name: string;
  subtask: boolean;
  /** From this screen's priority `allowedValues` (the project's priority scheme), not the global list. */
  priorities: { id: string; name: string }[];
  default_priority_id: string | null;
  priority_settable: boolean;
  labels_settable: boolean;
  /** Required with no default: each must be filled (by the companion or in `extra_fields`). */
  required_fields: FieldView[];
  /** Everything on the create screen. */
  fields: FieldView[];
}

/** `GET /targets/{id}/metadata`: Cloud v3 and Data Center v2 read into this one shape. */
export interface TargetMetadata {
  target_id: string;
  provider_key: ProviderKey;
  api: 'cloud_v3' | 'data_center_v2';
  projects: JiraProjectSummary[];
  project: (JiraProjectSummary & { issue_types: IssueTypeView[] }) | null;
  fetched_at: string;
  /** True when the answer came from the companion's short in-process cache. */
  cached: boolean;
  max_age_seconds: number;
}

const COMPANION = new Set<string>(COMPANION_FIELDS);

function fieldView(field: JiraCreateField): FieldView {
  return {
    id: field.id,
    name: field.name,
    type: field.schema.type,
    items: field.schema.items,
    custom: field.schema.custom,
    required: field.required,
    has_default_value: field.has_default_value,
    filled_by: COMPANION.has(field.id) ? 'companion' : 'mapping',
    allowed_values: field.allowed_values,
  };
}

/** What one create screen offers a mapping. */
export function issueTypeView(type: { id: string; name: string; subtask: boolean }, fields: JiraCreateField[]): IssueTypeView {
  const priority = fields.find((field) => field.id === 'priority');
  const views = fields.filter((field) => field.id !== 'project' && field.id !== 'issuetype').map(fieldView);
  return {
    ...type,
    priorities: (priority?.allowed_values ?? []).map((value) => ({ id: value.id, name: value.name ?? value.id })),
    default_priority_id: priority?.default_value?.id ?? null,
    priority_settable: Boolean(priority),
    labels_settable: fields.some((field) => field.id === 'labels'),
    required_fields: views.filter((field) => field.required && !field.has_default_value),
    fields: views,
  };
}

/**
 * Mapping metadata for a ready target: the projects the credential can see and, for
 * `projectKey`, each issue type's priorities and required fields from create metadata.
 */
export async function readTargetMetadata(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  projectKey: string | null,
): Promise<TargetMetadata> {
  const target = await findTargetCached(deps.store, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  assertExportable(deps, target);
  const api = await connectJira(deps, runtime, principal, target);
  const metadata = cachedMetadata(deps, runtime, principal, target, api);
  const projects = await metadata.projects();
  let project: TargetMetadata['project'] = null;
  if (projectKey) {
    const types = await metadata.issueTypes(projectKey);
    if (types === 'unknown_project') {
      throw notFoundWith(
        `Project ${projectKey} does not exist on this Jira or the credential cannot create issues in it.`,
        `Pick a project_key from the projects list (GET /api/v1/targets/${targetId}/metadata).`,
      );
    }
    const summary = projects.find((candidate) => candidate.key.toUpperCase() === projectKey) ?? { id: '', key: projectKey, name: projectKey };
    const issueTypes = await Promise.all(types.map(async (type) => issueTypeView(type, await metadata.createFields(projectKey, type.id))));
    project = { ...summary, issue_types: issueTypes };
  }
  return {
    target_id: target.id,
    provider_key: target.provider_key,
    api: api.flavor === 'cloud' ? 'cloud_v3' : 'data_center_v2',
    projects,
    project,
    fetched_at: deps.clock.now().toISOString(),
    cached: metadata.allCached(),
    max_age_seconds: Math.round(runtime.settings.metadataTtlMs / 1000),
  };
}
