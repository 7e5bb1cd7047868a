import { freeText } from './free-text';
import { z } from 'zod';
import { BLOCKED_CODES } from './blocked-codes';
import { PROVIDER_RULES } from './provider-rules';

/**
 * The Jira target record: the one Jira site that may receive tickets, how we authenticate to it,
 * which access we hold and by which network path we reach it. Never carries a secret.
 */
export const PROVIDER_KEYS = ['jira_cloud', 'jira_data_center'] as const;
export type ProviderKey = (typeof PROVIDER_KEYS)[number];

export const DEPLOYMENT_MODES = ['cloud', 'self-hosted'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export const AUTH_METHODS = ['forge_app', 'oauth', 'api_token', 'pat'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const ALLOWLIST_STATUSES = ['direct', 'allowlisted', 'tunnel'] as const;
export type AllowlistStatus = (typeof ALLOWLIST_STATUSES)[number];

export const OWNERSHIP_METHODS = ['forge_install', 'oauth_resources', 'site_identity', 'dns_txt', 'admin_attestation'] as const;
export type OwnershipMethod = (typeof OWNERSHIP_METHODS)[number];

export const CHECK_NAMES = ['url', 'ownership', 'network', 'auth', 'scope'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const TARGET_STATES = ['draft', 'ready', 'blocked', 'revoked'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

/** The deployment mode each provider implies; the record never contradicts it. */
export const DEPLOYMENT_MODE_BY_PROVIDER: Readonly<Record<ProviderKey, DeploymentMode>> = {
  jira_cloud: PROVIDER_RULES.jira_cloud.deploymentMode,
  jira_data_center: PROVIDER_RULES.jira_data_center.deploymentMode,
};

/**
 * How a Jira Cloud site is proven to be the customer's, per auth method: the app installed there,
 * the OAuth grant listing it, or the site's own cloudId with /myself answering as the token's user.
 */
export const CLOUD_OWNERSHIP_BY_AUTH_METHOD = { forge_app: 'forge_install', oauth: 'oauth_resources', api_token: 'site_identity' } as const;

/** Auth methods each provider accepts. */
export const AUTH_METHODS_BY_PROVIDER: Readonly<Record<ProviderKey, readonly AuthMethod[]>> = {
  jira_cloud: PROVIDER_RULES.jira_cloud.authMethods,
  jira_data_center: PROVIDER_RULES.jira_data_center.authMethods,
};

const isoTime = z.iso.datetime({ offset: true });

export const checkResultSchema = z.strictObject({
  status: z.enum(['passed', 'failed']),
  checked_at: isoTime,
  reason: z.string(),
  code: z.enum(BLOCKED_CODES).optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** The DNS TXT record a customer adds to prove they control a Data Center host. */
export const dnsChallengeSchema = z.strictObject({ name: z.string(), value: z.string() });
export type DnsChallenge = z.infer<typeof dnsChallengeSchema>;

/**
 * Ownership: the challenge to satisfy (Data Center) and, once proven, the method and evidence.
 * `method` and `verified_at` are null until ownership is proven.
 */
export const ownershipEvidenceSchema = z.strictObject({
  method: z.enum(OWNERSHIP_METHODS).nullable(),
  evidence: z.string().nullable(),
  verified_at: isoTime.nullable(),
  dns_challenge: dnsChallengeSchema.nullable().optional(),
});
export type OwnershipEvidence = z.infer<typeof ownershipEvidenceSchema>;

/** True when the ownership record holds proof, not only a pending challenge. */
export function ownershipProven(ownership: OwnershipEvidence | null): ownership is OwnershipEvidence & { method: OwnershipMethod; verified_at: string } {
  return ownership !== null && ownership.method !== null && ownership.verified_at !== null;
}

export const ATTESTATION_KEYS = ['owns_site', 'issue_api_reachable', 'scan_export_authorized'] as const;
export type AttestationKey = (typeof ATTESTATION_KEYS)[number];

/** Who confirmed a statement, and when. */
export const attestationSchema = z.strictObject({ by: z.string(), at: isoTime });

/** The customer's three confirmations before a Data Center base URL is accepted. */
export const attestationsSchema = z.strictObject({
  owns_site: attestationSchema,
  issue_api_reachable: attestationSchema,
  scan_export_authorized: attestationSchema,
});
export type Attestations = z.infer<typeof attestationsSchema>;

/** What the record may say about a credential: never the secret, only its shape and lifetime. */
export const credentialMetadataSchema = z.strictObject({
  kind: z.enum(AUTH_METHODS),
  fingerprint: z.string().max(8),
  created_at: isoTime,
  expires_at: isoTime.nullable(),
  revoked_at: isoTime.nullable().optional(),
});
export type CredentialMetadata = z.infer<typeof credentialMetadataSchema>;

export const revokePathSchema = z.strictObject({
  where: z.string().min(1),
  url: z.string().optional(),
  steps: z.string(),
});

export const targetRecordSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    provider_key: z.enum(PROVIDER_KEYS),
    deployment_mode: z.enum(DEPLOYMENT_MODES),
    base_url: z.string().nullable(),
    site_id: z.string().nullable(),
    auth_method: z.enum(AUTH_METHODS).nullable(),
    scopes: z.array(z.string()),
    allowlist_status: z.enum(ALLOWLIST_STATUSES).nullable(),
    ownership: ownershipEvidenceSchema.nullable(),
    attestations: attestationsSchema.nullable().optional(),
    /** The customer states they allowlisted the companion's egress addresses (verified by the probe). */
    allowlist_declaration: z
      .strictObject({ value: z.literal('allowlisted'), by: z.string(), at: isoTime })
      .nullable()
      .optional(),
    checks: z.strictObject({
      url: checkResultSchema.optional(),
      ownership: checkResultSchema.optional(),
      network: checkResultSchema.optional(),
      auth: checkResultSchema.optional(),
      scope: checkResultSchema.optional(),
    }),
    credential: credentialMetadataSchema.nullable(),
    revoke: revokePathSchema.nullable(),
    state: z.enum(TARGET_STATES),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .superRefine((target, ctx) => {
    if (DEPLOYMENT_MODE_BY_PROVIDER[target.provider_key] !== target.deployment_mode) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment_mode'],
        message: `${target.provider_key} is always ${DEPLOYMENT_MODE_BY_PROVIDER[target.provider_key]}`,
      });
    }
    if (target.auth_method && !AUTH_METHODS_BY_PROVIDER[target.provider_key].includes(target.auth_method)) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth_method'],
        message: `${target.provider_key} does not accept auth method ${target.auth_method}`,
      });
    }
  });

export type TargetRecord = z.infer<typeof targetRecordSchema>;

/** The body that starts a target: its name (unique in the workspace) and provider, nothing else about Jira yet. */
/** A target's name: required, trimmed, 1 to 120 characters of free text, unique per workspace (the server checks that). */
export const targetNameSchema = freeText(
  z
    // The schema-wide message is for a missing or non-text name only: a check without its own message would show it too.
    .string({ error: (issue) => (issue.input === undefined ? 'name is required: give the target a name (unique in this workspace)' : 'name must be text') })
    .trim()
    .min(1, 'name must not be empty')
    .max(120, 'name must be at most 120 characters'),
);

export const createTargetInputSchema = z
  .strictObject({
    provider_key: z.enum(PROVIDER_KEYS),
    deployment_mode: z.enum(DEPLOYMENT_MODES).optional(),
    auth_method: z.enum(AUTH_METHODS).optional(),
    name: targetNameSchema,
  })
  .superRefine((input, ctx) => {
    if (input.auth_method && !AUTH_METHODS_BY_PROVIDER[input.provider_key].includes(input.auth_method)) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth_method'],
        message: `${input.provider_key} accepts auth_method ${AUTH_METHODS_BY_PROVIDER[input.provider_key].join(', ')}`,
      });
    }
    const expected = DEPLOYMENT_MODE_BY_PROVIDER[input.provider_key];
    if (input.deployment_mode && input.deployment_mode !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment_mode'],
        message: `${input.provider_key} targets are always deployment_mode "${expected}"; omit deployment_mode or send "${expected}"`,
      });
    }
  });
export type CreateTargetInput = z.infer<typeof createTargetInputSchema>;
