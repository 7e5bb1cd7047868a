import { freeText } from '@webriskops/shared';
import { z } from 'zod';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const fingerprintSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, dots, dashes or underscores, starting with a letter or digit');
/** A Jira label: Jira labels cannot hold spaces. */
export const jiraLabelSchema = freeText(z.string().min(1).max(200).regex(/^\S+$/, 'must not contain spaces (Jira labels cannot)'));
const jiraId = z.string().regex(/^\d{1,18}$/, 'must be a Jira id (digits)');

/** One finding as WebRiskOps reports it; the fingerprint identifies it across exports. */
export const findingSchema = z.strictObject({
  fingerprint: fingerprintSchema,
  title: freeText(z.string().trim().min(1).max(255)),
  description: freeText(z.string().max(32_000), 'text').default(''),
  severity: z.enum(SEVERITIES),
  url: freeText(z.url({ protocol: /^https?$/ }).max(2048)),
  evidence: freeText(z.string().max(100_000), 'text').optional(),
});
export type Finding = z.infer<typeof findingSchema>;

const projectKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'must be a Jira project key')
  .transform((key) => key.toUpperCase());
const severityPriorityIds = z.partialRecord(z.enum(SEVERITIES), jiraId);
const mappingLabels = z.array(jiraLabelSchema).max(20);
/** Further create fields by field id (`customfield_10100`, `components`), in Jira's value shapes. */
const extraFields = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a Jira field id'), z.unknown());
const notBothPriorities = {
  message: 'give priority_id or severity_priority_ids, not both',
  path: ['priority_id'],
};

/** Where and how a finding becomes a Jira issue, in the ids create metadata gives. */
export const issueMappingSchema = z
  .strictObject({
    project_key: projectKey,
    issue_type_id: jiraId,
    priority_id: jiraId.optional(),
    severity_priority_ids: severityPriorityIds.optional(),
    labels: mappingLabels.default([]),
    extra_fields: extraFields.default({}),
  })
  .refine((mapping) => !(mapping.priority_id && mapping.severity_priority_ids), notBothPriorities);
export type IssueMapping = z.infer<typeof issueMappingSchema>;

/**
 * A mapping in `POST /targets/{id}/issues`: every part optional, merged over the target's export
 * profile for that call (see `mergeMapping`); without a profile it needs project_key and issue_type_id.
 */
export const mappingOverrideSchema = z
  .strictObject({
    project_key: projectKey.optional(),
    issue_type_id: jiraId.optional(),
    priority_id: jiraId.optional(),
    severity_priority_ids: severityPriorityIds.optional(),
    labels: mappingLabels.optional(),
    extra_fields: extraFields.optional(),
  })
  .refine((mapping) => !(mapping.priority_id && mapping.severity_priority_ids), notBothPriorities);
export type MappingOverride = z.infer<typeof mappingOverrideSchema>;

/** `POST /targets/{id}/issues`: the finding, and optionally a mapping over the export profile. */
export const exportIssueInputSchema = z.strictObject({ finding: findingSchema, mapping: mappingOverrideSchema.optional() });
export type ExportIssueRequest = z.infer<typeof exportIssueInputSchema>;
/** The request once the mapping is complete (the profile merged in). */
export type ExportIssueInput = { finding: Finding; mapping: IssueMapping };

/** Labels starting with this are the companion's own: a mapping may not set them. */
export const RESERVED_LABEL_PREFIX = 'webriskops-';

/** The label every exported issue carries: JQL finds duplicates by it. */
export const findingLabel = (fingerprintValue: string) => `${RESERVED_LABEL_PREFIX}${fingerprintValue}`;
