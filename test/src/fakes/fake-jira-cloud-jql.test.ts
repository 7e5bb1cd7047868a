import { describe, expect, it } from 'vitest';
import { UNBOUNDED_JQL_MESSAGE, parseJql, type JqlIssueView } from './fake-jira-cloud-jql';

const issue = (overrides: Partial<JqlIssueView>): JqlIssueView => ({
  id: '10001',
  key: 'SEC-1',
  projectKey: 'SEC',
  projectId: '10000',
  issueTypeId: '10004',
  issueTypeName: 'Bug',
  statusName: 'To Do',
  summary: 'Reflected XSS on /search',
  labels: ['webriskops', 'webriskops-3f9a2c1d'],
  updatedAt: Date.parse('2026-05-01T12:00:00Z'),
  ...overrides,
});

const NOW = Date.parse('2026-05-01T12:10:00Z');

function matches(jql: string, view: JqlIssueView): boolean {
  const parsed = parseJql(jql, NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.matches(view);
}

describe('parseJql', () => {
  it.each([
    ['project = SEC', true],
    ['project = sec AND labels = "webriskops-3f9a2c1d"', true],
    ['project = 10000 and labels = webriskops-ffff', false],
    ['labels in (a, "webriskops") ORDER BY created DESC', true],
    ['labels not in (webriskops)', false],
    ['project = OPS OR key = SEC-1', true],
    ['labels = webriskops AND updated >= "-12m"', true],
    ['labels = webriskops AND updated >= "-5m"', false],
    ['updated > "-1h" AND updated < "-1m"', true],
    ['updated >= "2026-05-02"', false],
    ['updated < "2026-05-02"', true],
    ['NOT (project = SEC)', false],
    ['(project = OPS OR issuetype = Bug) AND status = "To Do"', true],
    ['summary ~ "xss"', true],
    ['summary !~ xss', false],
    ['labels is EMPTY', false],
    ['labels is not EMPTY', true],
    ["labels != 'webriskops'", false],
  ])('%s → %s', (jql, expected) => {
    expect(matches(jql, issue({}))).toBe(expected);
  });

  it('refuses unbounded queries, unknown fields and malformed ones with Jira-like messages', () => {
    expect(parseJql('')).toEqual({ ok: false, message: UNBOUNDED_JQL_MESSAGE });
    expect(parseJql(undefined)).toEqual({ ok: false, message: UNBOUNDED_JQL_MESSAGE });
    expect(parseJql('order by key')).toEqual({ ok: false, message: UNBOUNDED_JQL_MESSAGE });
    expect(parseJql('assignee = currentUser()')).toEqual({ ok: false, message: "Field 'assignee' does not exist or you do not have permission to view it." });
    expect(parseJql('project = ')).toMatchObject({ ok: false, message: expect.stringMatching(/^Error in the JQL Query: /) });
    expect(parseJql('labels = "open')).toMatchObject({ ok: false, message: expect.stringMatching(/unterminated/) });
    expect(parseJql('project = SEC extra')).toMatchObject({ ok: false });
  });
});
