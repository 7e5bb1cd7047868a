import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { connectReadyForgeTarget, customField, exportIssue, finding } from './support/export-fixtures';

/** Fields that identify or protect people and issues: refused by id before anything is sent. */
const REFUSED = [
  'reporter',
  'assignee',
  'security',
  'issuelinks',
  'attachment',
  'watches',
  'votes',
  'parent',
  'issuetype',
  'project',
  'worklog',
  'comment',
  'timetracking',
  'resolution',
  'creator',
];
const HOSTILE = 'See {html}<img src=x onerror=alert(1)>{html} and [~admin] or [click|javascript:alert(1)] !http://169.254.169.254/latest/meta-data/!';

describe('extra_fields on Data Center', () => {
  let world: DataCenterWorld;
  let companion: Companion;
  let exporter: string;
  let target: { id: string; pat: string };
  const task = { project_key: 'SEC', issue_type_id: '10002' };
  const creates = () => world.jira.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/2/issue'));

  beforeAll(async () => {
    world = await startDataCenterWorld();
    // SEC / Task shows people, security and free-text fields on its screen, as many real screens do.
    world.jira.projects[0]!.issueTypes[0]!.fields.push(
      { fieldId: 'reporter', name: 'Reporter', required: false, schema: { type: 'user', system: 'reporter' }, operations: ['set'] },
      { fieldId: 'assignee', name: 'Assignee', required: false, schema: { type: 'user', system: 'assignee' }, operations: ['set'] },
      { fieldId: 'security', name: 'Security Level', required: false, schema: { type: 'securitylevel', system: 'security' }, operations: ['set'] },
      customField(10300, 'Notes', 'textarea'),
      customField(10301, 'Ticket ref', 'textfield'),
      customField(10302, 'Owner', 'userpicker', 'user'),
    );
  });
  afterAll(async () => world.close());
  beforeEach(async () => {
    ({ companion, exporter, target } = await startReadyDataCenterExport(world));
  });
  afterEach(() => companion.stop());

  it.each(REFUSED)('%s answers 422 naming the field and no request reaches Jira', async (fieldId) => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-refused'),
      mapping: { ...task, extra_fields: { [fieldId]: { id: '10000', name: 'admin' } } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
    expect(answer.json.error.message).toContain(`mapping.extra_fields.${fieldId}:`);
    expect(world.jira.requests).toHaveLength(0);
  });

  it('a custom field of a kind outside the allowlist (a user picker) is refused by its type: 422, no issue sent', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-picker'),
      mapping: { ...task, extra_fields: { customfield_10302: { name: 'admin' } } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toMatch(
      /mapping\.extra_fields\.customfield_10302: Owner \(com\.atlassian\.jira\.plugin\.system\.customfieldtypes:userpicker\) may not be set by an export job/,
    );
    expect(creates()).toHaveLength(0);
  });

  it('text fields take plain text and go out escaped like the description: no macro, mention, link or image', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-text'),
      mapping: { ...task, extra_fields: { customfield_10300: HOSTILE, customfield_10301: '[~admin]\nsecond line' } },
    });
    expect(answer.status).toBe(201);
    const issue = world.jira.issues[0]!;
    const notes = issue.fields.customfield_10300 as string;
    expect(notes).toContain('\\{html\\}');
    expect(notes).toContain('\\[\\~admin\\]');
    expect(notes).toContain('\\[click\\|javascript:alert(1)\\]');
    expect(notes).toContain('\\!http://169.254.169.254/latest/meta\\-data/\\!');
    expect(notes).not.toMatch(/(^|[^\\])[[!{|]/);
    expect(issue.fields.customfield_10301).toBe('\\[\\~admin\\] second line');

    const markup = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-doc'),
      mapping: { ...task, extra_fields: { customfield_10300: { type: 'doc', version: 1, content: [] } } },
    });
    expect(markup.status).toBe(422);
    expect(markup.json.error.message).toMatch(/customfield_10300: Notes takes plain text/);
  });
});

describe('extra_fields on Jira Cloud', () => {
  let world: CloudWorld;
  let companion: Companion;
  let exporter: string;
  let target: { id: string; installationId: string };
  let seenBefore = 0;
  const cloudId = () => world.cloud.defaults.site.cloudId;
  const apiCalls = () => world.cloud.requests.slice(seenBefore).filter((request) => request.role === 'api');
  const txt = { project_key: 'TXT', issue_type_id: '10020' };

  beforeAll(async () => {
    world = await startCloudWorld();
    world.cloud.addProject(cloudId(), {
      key: 'TXT',
      name: 'Text fields',
      priorities: [{ id: '3', name: 'Medium' }],
      issueTypes: [
        {
          id: '10020',
          name: 'Finding',
          extraFields: [
            { ...customField(10400, 'Notes', 'textarea'), kind: 'adf' },
            { fieldId: 'reporter', name: 'Reporter', required: false, kind: 'string', schema: { type: 'user', system: 'reporter' }, operations: ['set'] },
          ],
        },
      ],
    });
  });
  afterAll(async () => world.close());
  beforeEach(async () => {
    let admin: string;
    ({ companion, admin } = await startCloudCompanion(world));
    exporter = await companion.token('default', 'export');
    target = await connectReadyForgeTarget(world, companion, admin);
    seenBefore = world.cloud.requests.length;
  });
  afterEach(() => companion.stop());

  it('reporter on the screen is still refused before any call', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-reporter'),
      mapping: { ...txt, extra_fields: { reporter: { accountId: 'x' } } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toContain('mapping.extra_fields.reporter:');
    expect(apiCalls()).toHaveLength(0);
  });

  it('a rich-text field is ADF the companion builds from plain text: no mention, media or link marks; an ADF value from the job is refused', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-notes'),
      mapping: { ...txt, extra_fields: { customfield_10400: `${HOSTILE}\n\nSecond paragraph` } },
    });
    expect(answer.status).toBe(201);
    const issue = [...world.cloud.defaults.site.issues.values()].find((candidate) => candidate.key === answer.json.issue.key)!;
    const notes = issue.fields.customfield_10400 as { type: string; content: { type: string; content: { type: string; text?: string; marks?: unknown }[] }[] };
    expect(notes).toMatchObject({ type: 'doc', version: 1 });
    expect(notes.content.map((node) => node.type)).toEqual(['paragraph', 'paragraph']);
    expect(notes.content[0]!.content).toEqual([{ type: 'text', text: HOSTILE }]);
    expect(JSON.stringify(notes)).not.toMatch(/"(mention|media|mediaSingle|inlineCard|link|marks)"/);

    const adf = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'mention', attrs: { id: 'admin' } },
            { type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
    };
    const refused = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-adf'),
      mapping: { ...txt, extra_fields: { customfield_10400: adf } },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/customfield_10400: Notes takes plain text/);
  });
});
