import { findingToAdf } from '../../jira/adf-document';
import { cleanText } from '../../jira/finding-text';
import { FINDING_PROPERTY_KEY } from '../../jira/jira-issues-client';
import { findingToWikiMarkup } from '../../jira/wiki-markup';
import { findingLabel, type Finding, type IssueMapping } from './export-input';
import type { IssuePlan } from './plan-issue';

/** The issue property every exported issue carries: the label's cross-check, never evidence. */
function findingProperty(targetId: string, finding: Finding) {
  return [{ key: FINDING_PROPERTY_KEY, value: { fingerprint: finding.fingerprint, target_id: targetId, severity: finding.severity } }];
}

function description(flavor: 'cloud' | 'data_center', finding: Finding) {
  return flavor === 'cloud' ? findingToAdf(finding) : findingToWikiMarkup(finding);
}

/** Every label an exported issue carries: the mapping's and the fingerprint label, without repeats. */
export function issueLabels(finding: Finding, mapping: IssueMapping): string[] {
  return [...new Set([...mapping.labels, findingLabel(finding.fingerprint)])];
}

/** `POST /issue`: ADF description on Cloud v3, wiki markup on Data Center v2; plain-text summary. */
export function createIssueBody(flavor: 'cloud' | 'data_center', targetId: string, finding: Finding, mapping: IssueMapping, plan: IssuePlan) {
  return {
    fields: {
      ...plan.extraFields,
      project: { key: mapping.project_key },
      issuetype: { id: mapping.issue_type_id },
      summary: summaryText(finding.title),
      ...(plan.sendDescription ? { description: description(flavor, finding) } : {}),
      ...(plan.priorityId ? { priority: { id: plan.priorityId } } : {}),
      labels: issueLabels(finding, mapping),
    },
    properties: findingProperty(targetId, finding),
  };
}

/**
 * `PUT /issue/{key}` for a finding exported before: summary, description and priority follow the
 * finding; labels are added (never removed, people add their own); extra fields are set on create only.
 */
export function updateIssueBody(flavor: 'cloud' | 'data_center', targetId: string, finding: Finding, mapping: IssueMapping, plan: IssuePlan) {
  return {
    fields: {
      summary: summaryText(finding.title),
      ...(plan.sendDescription ? { description: description(flavor, finding) } : {}),
      ...(plan.priorityId ? { priority: { id: plan.priorityId } } : {}),
    },
    update: { labels: issueLabels(finding, mapping).map((label) => ({ add: label })) },
    properties: findingProperty(targetId, finding),
  };
}
