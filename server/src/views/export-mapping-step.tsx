import { ErrorNotice, Layout } from './layout';
import { targetPath } from './format';
import { CsrfField } from './step-section';
import type { TargetPageProps } from './target-page-props';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** The parts of a mapping the page shows (the export profile's shape). */
interface MappingShown {
  project_key?: string;
  issue_type_id?: string;
  severity_priority_ids?: Partial<Record<(typeof SEVERITIES)[number], string>>;
  labels?: string[];
  extra_fields?: Record<string, unknown>;
}

/** A create-screen field as the metadata read gives it. */
interface FieldView {
  id: string;
  name: string;
  filled_by: 'companion' | 'mapping';
  allowed_values: { id: string; name: string | null; value: string | null }[] | null;
}

interface MetadataShown {
  projects: { key: string; name: string }[];
  project: {
    key: string;
    issue_types: { id: string; name: string; priorities: { id: string; name: string }[]; required_fields: FieldView[] }[];
  } | null;
}

interface ProblemShown {
  code: string;
  field: string;
  message: string;
  next_action: string;
}

interface ValidationShown {
  ok: boolean;
  checks: { id: string; label: string; ok: boolean; detail: string; next_action: string | null }[];
}

/** The export mapping page's own path. */
export const exportMappingPath = (targetId: string) => targetPath(targetId, '/export-mapping');

/** The "Jira export mapping" step on the target page: open once the target is saved and ready. */
export function ExportMappingStep(props: TargetPageProps) {
  const { target, readiness } = props.overview;
  if (target.state !== 'ready' || !readiness.ready) return null;
  return (
    <section class="step" id="step-export-mapping" aria-labelledby="step-export-mapping-title" tabindex={-1}>
      <h2 id="step-export-mapping-title">Jira export mapping</h2>
      <p>
        The default project, issue type, priorities, labels and required fields export jobs use when they send a finding alone, checked against this Jira’s
        create metadata when saved and at every re-check.
      </p>
      <p>
        <a href={exportMappingPath(target.id)} class="button">
          Set the export mapping
        </a>
      </p>
    </section>
  );
}

/** Everything the mapping page renders from. */
export interface ExportMappingPageProps {
  session: { email: string; csrfToken: string };
  targetId: string;
  targetName: string;
  profile: {
    profile: { project_key: string; issue_type_id: string; labels: string[] } | null;
    mapping_problem: ProblemShown | null;
    duplicate_rule: { description: string };
  };
  /** The target's projects, and the chosen project's issue types (null: Jira could not be read). */
  metadata: MetadataShown | null;
  /** The mapping the form shows: what was typed (after a refusal), else the saved profile. */
  shown: MappingShown | null;
  chosenIssueTypeId: string | null;
  saved: boolean;
  refusal: { code: string; message: string; nextAction: string; paths: string[] } | null;
  validation: ValidationShown | null;
  testIssue: { project_key: string; label: string; issue: { key: string; url: string } } | null;
}

const choiceValue = (value: unknown): string => {
  const item = Array.isArray(value) ? value[0] : value;
  if (item && typeof item === 'object' && 'id' in item) return String((item as { id: unknown }).id);
  return typeof item === 'string' || typeof item === 'number' ? String(item) : '';
};

function RequiredField(props: { field: FieldView; value: unknown; invalid: boolean }) {
  const { field } = props;
  const name = `field_${field.id}`;
  const describedBy = props.invalid ? `${name}-problem` : undefined;
  return (
    <p>
      <label for={name}>
        {field.name} <span class="hint">({field.id}, required)</span>
      </label>
      {field.allowed_values ? (
        <select id={name} name={name} required aria-invalid={props.invalid ? 'true' : undefined} aria-describedby={describedBy}>
          <option value="">Choose…</option>
          {field.allowed_values.map((allowed) => (
            <option value={allowed.id} selected={choiceValue(props.value) === allowed.id}>
              {allowed.value ?? allowed.name ?? allowed.id}
            </option>
          ))}
        </select>
      ) : (
        <input id={name} name={name} required value={choiceValue(props.value)} aria-invalid={props.invalid ? 'true' : undefined} />
      )}
    </p>
  );
}

function ValidationResult(props: { validation: ValidationShown }) {
  const { validation } = props;
  return (
    <section class={`notice ${validation.ok ? 'ok' : 'blocked'}`} id="validation" aria-live="polite">
      <h3>{validation.ok ? 'Every check passed' : 'Some checks failed'}</h3>
      <ul class="checks">
        {validation.checks.map((check) => (
          <li class={check.ok ? 'pass' : 'fail'}>
            <strong>{check.ok ? 'Pass' : 'Fail'}</strong>: {check.label}. {check.detail}
            {check.next_action ? <> Next: {check.next_action}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The saved issue type by name when the shown project is the saved one ("Task (10002)"), else by its id alone. */
function savedIssueTypeLabel(saved: { project_key: string; issue_type_id: string }, project: MetadataShown['project'] | null): string {
  const type = project?.key === saved.project_key ? project.issue_types.find((candidate) => candidate.id === saved.issue_type_id) : undefined;
  return type ? `${type.name} (${type.id})` : saved.issue_type_id;
}

/** The mapping step's page: choices from the target's own create metadata, the saved profile, its problem, validate and test. */
export function ExportMappingPage(props: ExportMappingPageProps) {
  const { profile, metadata, shown } = props;
  const project = metadata?.project ?? null;
  const issueType = project?.issue_types.find((type) => type.id === props.chosenIssueTypeId) ?? project?.issue_types[0] ?? null;
  const problem = profile.mapping_problem;
  const invalid = new Set(props.refusal?.paths ?? []);
  const mappingFields = issueType?.required_fields.filter((field) => field.filled_by === 'mapping') ?? [];
  return (
    <Layout title={`Jira export mapping: ${props.targetName}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › <a href={targetPath(props.targetId)}>{props.targetName}</a> › Jira export mapping
      </p>
      <h1>Jira export mapping</h1>
      {props.saved ? <p class="notice ok">Saved: export jobs that send a finding alone use this mapping.</p> : null}
      {problem ? <ErrorNotice code={problem.code} message={`${problem.field}: ${problem.message}`} nextAction={problem.next_action} /> : null}
      {props.refusal ? <ErrorNotice code={props.refusal.code} message={props.refusal.message} nextAction={props.refusal.nextAction} /> : null}
      {props.testIssue ? (
        <p class="notice ok" id="test-issue">
          Test issue created: <a href={props.testIssue.issue.url}>{props.testIssue.issue.key}</a> in {props.testIssue.project_key}, labelled{' '}
          <code>{props.testIssue.label}</code>.
        </p>
      ) : null}
      {props.validation ? <ValidationResult validation={props.validation} /> : null}

      <form method="get" action={exportMappingPath(props.targetId)} class="stack">
        <p>
          <label for="project_key">Project</label>
          <select id="project_key" name="project_key">
            <option value="">Choose a project…</option>
            {(metadata?.projects ?? []).map((candidate) => (
              <option value={candidate.key} selected={candidate.key === project?.key}>
                {candidate.name} ({candidate.key})
              </option>
            ))}
          </select>
        </p>
        <div class="buttons">
          <button type="submit">Show this project’s choices</button>
        </div>
      </form>

      {project && issueType ? (
        <form method="post" action={exportMappingPath(props.targetId)} class="stack" id="mapping-form">
          <CsrfField token={props.session.csrfToken} />
          <input type="hidden" name="project_key" value={project.key} />
          <p>
            <label for="issue_type_id">Issue type</label>
            <select id="issue_type_id" name="issue_type_id">
              {project.issue_types.map((type) => (
                <option value={type.id} selected={type.id === issueType.id}>
                  {type.name}
                </option>
              ))}
            </select>
            <span class="hint"> Changing the issue type? Save, or pick the project again to see its required fields.</span>
          </p>
          <fieldset>
            <legend>
              Priority per severity (the priorities {project.key} allows for {issueType.name})
            </legend>
            {SEVERITIES.map((severity) => (
              <p>
                <label for={`priority_${severity}`}>{severity}</label>
                <select
                  id={`priority_${severity}`}
                  name={`priority_${severity}`}
                  aria-invalid={invalid.has(`severity_priority_ids.${severity}`) ? 'true' : undefined}
                >
                  <option value="">Jira’s default</option>
                  {issueType.priorities.map((priority) => (
                    <option value={priority.id} selected={shown?.severity_priority_ids?.[severity] === priority.id}>
                      {priority.name}
                    </option>
                  ))}
                </select>
              </p>
            ))}
          </fieldset>
          {mappingFields.length > 0 ? (
            <fieldset>
              <legend>Required fields</legend>
              {mappingFields.map((field) => (
                <RequiredField field={field} value={shown?.extra_fields?.[field.id]} invalid={invalid.has(`extra_fields.${field.id}`)} />
              ))}
            </fieldset>
          ) : null}
          <p>
            <label for="labels">Labels</label>
            <input id="labels" name="labels" value={(shown?.labels ?? []).join(' ')} aria-describedby="labels-hint" />
            <span class="hint" id="labels-hint">
              {' '}
              Separated by spaces; every issue also gets webriskops-&lt;fingerprint&gt;.
            </span>
          </p>
          <div class="buttons">
            <button type="submit" class="primary">
              Save mapping
            </button>
          </div>
        </form>
      ) : (
        <p>Choose a project to see its issue types, the priorities it allows and its required fields.</p>
      )}

      {profile.profile ? (
        <section aria-labelledby="saved-title">
          <h2 id="saved-title">Saved mapping</h2>
          <p>
            {profile.profile.project_key} / issue type {savedIssueTypeLabel(profile.profile, project)}
            {profile.profile.labels.length > 0 ? ` · labels ${profile.profile.labels.join(', ')}` : ''}
          </p>
          <div class="buttons">
            <form method="post" action={exportMappingPath(props.targetId) + '/validate'}>
              <CsrfField token={props.session.csrfToken} />
              <button type="submit">Validate</button>
            </form>
            <form method="post" action={exportMappingPath(props.targetId) + '/test-issue'}>
              <CsrfField token={props.session.csrfToken} />
              <button type="submit">Send a test issue</button>
            </form>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="duplicates-title">
        <h2 id="duplicates-title">How duplicates are found</h2>
        <p>{profile.duplicate_rule.description}</p>
      </section>
    </Layout>
  );
}
