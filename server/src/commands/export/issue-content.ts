import { findingToAdf, plainTextToAdf } from '../../jira/adf-document';
import { cleanText, summaryText } from '../../jira/finding-text';
import { FINDING_PROPERTY_KEY } from '../../jira/jira-issues-client';
import { cutWithMarker, DC_TEXT_MAX_CHARS, SUMMARY_MAX_CHARS } from '../../jira/text-limits';
import { findingToWikiMarkup, wikiFieldText } from '../../jira/wiki-markup';
import { findingLabel, type Finding, type IssueMapping } from './export-input';
import type { IssuePlan } from './plan-issue';

/** The proofs an issue's property carries: over the issue id once known, over the create's nonce before. */
export type FindingProofs = { proof: string } | { create_proof: string };

/**
 * The `webriskops.finding` property every exported issue carries, never evidence: the label
 * finds candidates, this property's proof (a MAC only the companion can make, bound to the target,
 * the finding and the issue) says which one is ours.
 */
export function findingPropertyValue(targetId: string, finding: Finding, proofs: FindingProofs) {
  return { fingerprint: finding.fingerprint, target_id: targetId, severity: finding.severity, ...proofs };
}

function findingProperty(targetId: string, finding: Finding, proofs: FindingProofs) {
  return [{ key: FINDING_PROPERTY_KEY, value: findingPropertyValue(targetId, finding, proofs) }];
}

function description(flavor: 'cloud' | 'data_center', finding: Finding) {
  return flavor === 'cloud' ? findingToAdf(finding) : findingToWikiMarkup(finding);
}

/**
 * Text extra fields as Jira takes them, built by the companion from plain text: escaped wiki
 * markup on Data Center, ADF of unmarked text on Cloud (multi-line) or a plain line (single-line),
 * each cut to its limit after escaping and serialisation. No field can carry a link, mention or macro.
 */
function extraTextValues(flavor: 'cloud' | 'data_center', plan: IssuePlan): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [fieldId, { rich, text }] of Object.entries(plan.extraTexts)) {
    const line = rich ? text : cleanText(text).replace(/\n/g, ' ');
    const max = rich ? DC_TEXT_MAX_CHARS : SUMMARY_MAX_CHARS;
    if (flavor === 'data_center') values[fieldId] = wikiFieldText(line, max, rich ? '\n' : ' ');
    else values[fieldId] = rich ? plainTextToAdf(line) : cutWithMarker(cleanText(line), max);
  }
  return values;
}

/** Every label an exported issue carries: the mapping's and the fingerprint label, without repeats. */
export function issueLabels(finding: Finding, mapping: IssueMapping): string[] {
  return [...new Set([...mapping.labels, findingLabel(finding.fingerprint)])];
}

/** `POST /issue`: ADF description on Cloud v3, wiki markup on Data Center v2; plain-text summary. */
export function createIssueBody(
  flavor: 'cloud' | 'data_center',
  targetId: string,
  finding: Finding,
  mapping: IssueMapping,
  plan: IssuePlan,
  proofs: FindingProofs,
) {
  return {
    fields: {
      ...plan.extraFields,
      ...extraTextValues(flavor, plan),
      project: { key: mapping.project_key },
      issuetype: { id: mapping.issue_type_id },
      summary: summaryText(finding.title),
      ...(plan.sendDescription ? { description: description(flavor, finding) } : {}),
      ...(plan.priorityId ? { priority: { id: plan.priorityId } } : {}),
      labels: issueLabels(finding, mapping),
    },
    properties: findingProperty(targetId, finding, proofs),
  };
}

/**
 * `PUT /issue/{key}` for a finding exported before: summary, description and priority follow the
 * finding; labels are added (never removed, people add their own); extra fields are set on create only.
 */
export function updateIssueBody(
  flavor: 'cloud' | 'data_center',
  targetId: string,
  finding: Finding,
  mapping: IssueMapping,
  plan: IssuePlan,
  proofs: FindingProofs,
) {
  return {
    fields: {
      summary: summaryText(finding.title),
      ...(plan.sendDescription ? { description: description(flavor, finding) } : {}),
      ...(plan.priorityId ? { priority: { id: plan.priorityId } } : {}),
    },
    update: { labels: issueLabels(finding, mapping).map((label) => ({ add: label })) },
    properties: findingProperty(targetId, finding, proofs),
  };
}
