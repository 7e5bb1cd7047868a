import { describe, expect, it } from 'vitest';
import type { JiraCreateField } from '../../jira/issue-metadata';
import { issueMappingSchema, type Finding } from './export-input';
import { planIssue } from './plan-issue';

function field(id: string, overrides: Partial<JiraCreateField> = {}): JiraCreateField {
  return {
    id,
    name: id,
    required: false,
    has_default_value: false,
    schema: { type: 'string', items: null, system: id, custom: null },
    operations: ['set'],
    allowed_values: null,
    default_value: null,
    ...overrides,
  };
}

const screen = [
  field('summary', { required: true }),
  field('description'),
  field('labels', { schema: { type: 'array', items: 'string', system: 'labels', custom: null } }),
  field('priority', {
    has_default_value: true,
    allowed_values: [
      { id: '2', name: 'High', value: null },
      { id: '3', name: 'Medium', value: null },
    ],
  }),
  field('customfield_1', {
    name: 'Tier',
    required: true,
    schema: { type: 'option', items: null, system: null, custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' },
    allowed_values: [{ id: '10', name: null, value: 'prod' }],
  }),
];
const finding: Finding = { fingerprint: 'f', title: 't', description: '', severity: 'high', url: 'https://a.test' };
const mapping = (input: Record<string, unknown>) => issueMappingSchema.parse({ project_key: 'sec', issue_type_id: '1', ...input });

describe('planIssue', () => {
  it('accepts a mapping that fits, by priority id or by severity', () => {
    expect(planIssue(screen, finding, mapping({ priority_id: '2', extra_fields: { customfield_1: { value: 'prod' } } }))).toEqual({
      ok: true,
      plan: { priorityId: '2', sendDescription: true, extraFields: { customfield_1: { value: 'prod' } }, extraTexts: {}, warnings: [] },
    });
    const bySeverity = planIssue(screen, finding, mapping({ severity_priority_ids: { high: '3' }, extra_fields: { customfield_1: { id: '10' } } }));
    expect(bySeverity).toMatchObject({ ok: true, plan: { priorityId: '3' } });
  });

  it('names every problem at once', () => {
    const result = planIssue(screen, finding, mapping({ priority_id: '1', extra_fields: { summary: 'x', unknown_field: 1, customfield_1: { id: '11' } } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual([
      'mapping.priority_id',
      'mapping.extra_fields.summary',
      'mapping.extra_fields.unknown_field',
      'mapping.extra_fields.customfield_1',
    ]);
    expect(result.problems[0]!.message).toBe('priority 1 is not allowed here; allowed: 2 (High), 3 (Medium).');
    expect(result.problems[3]!.message).toBe('{"id":"11"} is not an allowed value of Tier; allowed: 10 (prod).');
    const missing = planIssue(screen, finding, mapping({}));
    expect(missing).toMatchObject({
      ok: false,
      problems: [{ field: 'mapping.extra_fields.customfield_1', message: 'Tier (option) is required here and not mapped; allowed: 10 (prod).' }],
    });
  });

  it('needs labels on the screen, warns without a description, and requires a priority without default', () => {
    const bare = [field('summary', { required: true }), field('priority', { required: true, allowed_values: [{ id: '2', name: 'High', value: null }] })];
    const result = planIssue(bare, finding, mapping({}));
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'labels' }, { field: 'mapping.priority_id', message: expect.stringMatching(/required/) }] });
    const fine = planIssue([...bare, field('labels')], finding, mapping({ priority_id: '2' }));
    expect(fine).toMatchObject({ ok: true, plan: { sendDescription: false, warnings: [expect.stringMatching(/no Description field/)] } });
  });

  it('refuses a severity without a mapped priority', () => {
    expect(
      planIssue(screen, { ...finding, severity: 'low' }, mapping({ severity_priority_ids: { high: '2' }, extra_fields: { customfield_1: { id: '10' } } })),
    ).toMatchObject({
      ok: false,
      problems: [{ field: 'mapping.severity_priority_ids.low' }],
    });
  });

  it('sets only allowlisted field kinds: people, security and links are refused by id, pickers by type; text goes as plain text', () => {
    const wide = [
      ...screen,
      field('customfield_2', {
        name: 'Notes',
        schema: { type: 'string', items: null, system: null, custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' },
      }),
      field('customfield_3', {
        name: 'Owner',
        schema: { type: 'user', items: null, system: null, custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker' },
      }),
      field('customfield_4', {
        name: 'Tags',
        schema: { type: 'array', items: 'string', system: null, custom: 'com.atlassian.jira.plugin.system.customfieldtypes:labels' },
      }),
      field('reporter', { schema: { type: 'user', items: null, system: 'reporter', custom: null } }),
      field('environment'),
    ];
    const refused = planIssue(
      wide,
      finding,
      mapping({
        extra_fields: {
          customfield_1: { id: '10' },
          reporter: { name: 'admin' },
          security: { id: '1' },
          customfield_3: { name: 'admin' },
          customfield_4: ['webriskops-other'],
          customfield_2: { type: 'doc' },
        },
      }),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.map((problem) => problem.field)).toEqual([
      'mapping.extra_fields.reporter',
      'mapping.extra_fields.security',
      'mapping.extra_fields.customfield_3',
      'mapping.extra_fields.customfield_4',
      'mapping.extra_fields.customfield_2',
    ]);
    const fine = planIssue(
      wide,
      finding,
      mapping({ extra_fields: { customfield_1: { id: '10' }, customfield_2: '[~admin]', environment: 'prod', customfield_4: ['edge'] } }),
    );
    expect(fine).toMatchObject({
      ok: true,
      plan: {
        extraFields: { customfield_1: { id: '10' }, customfield_4: ['edge'] },
        extraTexts: { customfield_2: { rich: true, text: '[~admin]' }, environment: { rich: true, text: 'prod' } },
      },
    });
  });
});
