import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One schema for better-sqlite3 and D1. Every tenant row carries `workspace_id`; times are ISO
 * strings; secrets appear only as ciphertext or SHA-256 hashes.
 */
export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin'] })
      .notNull()
      .default('admin'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [uniqueIndex('users_email_unique').on(table.email)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  prefix: text('prefix').notNull().unique(),
  tokenHash: text('token_hash').notNull(),
  role: text('role', { enum: ['admin', 'export'] }).notNull(),
  label: text('label'),
  createdAt: text('created_at').notNull(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/** One-time links that create the first admin of a workspace. */
export const setupTokens = sqliteTable('setup_tokens', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

export const targets = sqliteTable(
  'targets',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    providerKey: text('provider_key', { enum: ['jira_cloud', 'jira_data_center'] }).notNull(),
    deploymentMode: text('deployment_mode', { enum: ['cloud', 'self-hosted'] }).notNull(),
    baseUrl: text('base_url'),
    siteId: text('site_id'),
    authMethod: text('auth_method', { enum: ['forge_app', 'oauth', 'api_token', 'pat'] }),
    scopesJson: text('scopes_json').notNull().default('[]'),
    allowlistStatus: text('allowlist_status', { enum: ['direct', 'allowlisted', 'tunnel'] }),
    ownershipJson: text('ownership_json'),
    attestationsJson: text('attestations_json'),
    allowlistDeclarationJson: text('allowlist_declaration_json'),
    checksJson: text('checks_json').notNull().default('{}'),
    revokeJson: text('revoke_json'),
    state: text('state', { enum: ['draft', 'ready', 'blocked', 'revoked'] }).notNull(),
    blockedCode: text('blocked_code'),
    /** Bumped by every write; a write that finds another version lost a race and is retried. */
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('targets_workspace_idx').on(table.workspaceId), uniqueIndex('targets_workspace_name_unique').on(table.workspaceId, table.name)],
);

/** Ciphertext only: AES-256-GCM bound to workspace, target and kind; never the plaintext. */
export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    kind: text('kind', { enum: ['forge_app', 'oauth', 'api_token', 'pat'] }).notNull(),
    keyId: text('key_id').notNull(),
    ciphertext: text('ciphertext').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    /** While one process refreshes this OAuth grant: until when its claim holds (the others wait, then re-read). */
    refreshLeaseUntil: text('refresh_lease_until'),
  },
  (table) => [index('credentials_target_idx').on(table.workspaceId, table.targetId)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    code: text('code'),
    detail: text('detail'),
    /** The target version this event created: unique, so two writers cannot both create version N. */
    targetVersion: integer('target_version'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    index('audit_target_idx').on(table.workspaceId, table.targetId, table.createdAt),
    uniqueIndex('audit_target_version_unique').on(table.targetId, table.targetVersion),
  ],
);

/** Operator-approved private networks (tunnels), per workspace; only the CLI writes them. */
export const approvedNetworks = sqliteTable(
  'approved_networks',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    entriesJson: text('entries_json').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (table) => [index('approved_networks_workspace_idx').on(table.workspaceId)],
);

/** One-time codes that bind a Jira Cloud site to a pending target; only the hash is kept. */
export const pairingCodes = sqliteTable('pairing_codes', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  targetId: text('target_id')
    .notNull()
    .references(() => targets.id),
  codeHash: text('code_hash').notNull().unique(),
  /** The code sealed to its workspace and target, so the pairing page shows it again on reload; cleared once used. */
  codeSealed: text('code_sealed'),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

/** Forge installations seen through verified invocations, and the target each is paired with. */
export const forgeInstallations = sqliteTable('forge_installations', {
  installationId: text('installation_id').primaryKey(),
  cloudId: text('cloud_id').notNull(),
  siteUrl: text('site_url'),
  apiBaseUrl: text('api_base_url').notNull(),
  environmentType: text('environment_type'),
  workspaceId: text('workspace_id').references(() => workspaces.id),
  targetId: text('target_id').references(() => targets.id),
  /** The latest app system token before pairing (sealed to the installation), with its expiry. */
  pendingTokenSealed: text('pending_token_sealed'),
  pendingTokenExpiresAt: text('pending_token_expires_at'),
  pairedBy: text('paired_by'),
  pairedAt: text('paired_at'),
  firstSeenAt: text('first_seen_at').notNull(),
  uninstalledAt: text('uninstalled_at'),
});

/** Forge invocation token ids already accepted, kept until the token expires (replay refusal). */
export const forgeSeenTokens = sqliteTable('forge_seen_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: text('expires_at').notNull(),
});

/** Fixed-window counters for rate limits that must hold across processes (pairing attempts). */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: text('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [uniqueIndex('rate_limits_bucket_window').on(table.bucket, table.windowStart)],
);

/** OAuth 2.0 (3LO) `state` values: single use, bound to the admin's session and the target. */
export const oauthStates = sqliteTable('oauth_states', {
  id: text('id').primaryKey(),
  stateHash: text('state_hash').notNull().unique(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  targetId: text('target_id')
    .notNull()
    .references(() => targets.id),
  sessionHash: text('session_hash').notNull(),
  siteUrl: text('site_url').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  /** The PKCE code_verifier of this flow, sealed to the workspace and target; sent only at the code exchange. */
  codeVerifierSealed: text('code_verifier_sealed'),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

/**
 * Export requests by their `Idempotency-Key`, per workspace: claimed atomically before anything is
 * sent to Jira (`pending`, with a lease), then the answer to replay (`done`) until `expires_at`.
 */
export const exportIdempotencyKeys = sqliteTable(
  'export_idempotency_keys',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the target id and the validated body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    targetId: text('target_id').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: text('lease_until'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (table) => [uniqueIndex('export_idempotency_keys_workspace_key').on(table.workspaceId, table.idempotencyKey)],
);

/**
 * Which Jira issue carries each finding of a target: the first duplicate check. While an issue is
 * being created the row is `creating` with a lease, so one process creates and the others wait.
 */
export const exportFindingIssues = sqliteTable(
  'export_finding_issues',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    fingerprint: text('fingerprint').notNull(),
    projectKey: text('project_key').notNull(),
    state: text('state', { enum: ['creating', 'linked'] }).notNull(),
    issueId: text('issue_id'),
    issueKey: text('issue_key'),
    leaseOwner: text('lease_owner'),
    leaseUntil: text('lease_until'),
    /** When the answer to a create was lost: until Jira's search shows the issue, nobody creates again for a while. */
    lostCreateAt: text('lost_create_at'),
    /** The nonce the lost create's proof was made over: only an issue carrying that proof is adopted before its id proof is stamped. */
    lostCreateNonce: text('lost_create_nonce'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('export_finding_issues_workspace_target_fingerprint').on(table.workspaceId, table.targetId, table.fingerprint)],
);

/**
 * Sign-in throttling, per (account, client address) and per client address: attempts counted
 * before the password is checked, and the time until which the bucket refuses without running
 * PBKDF2. In the database so it holds across restarts, processes and Workers isolates.
 */
export const signInThrottles = sqliteTable(
  'sign_in_throttles',
  {
    bucket: text('bucket').primaryKey(),
    failures: integer('failures').notNull(),
    lockedUntil: text('locked_until'),
    lastAttemptAt: text('last_attempt_at').notNull(),
  },
  (table) => [index('sign_in_throttles_last_attempt_idx').on(table.lastAttemptAt)],
);

/**
 * A target's export profile (issue 17): the default mapping export jobs use when they send the
 * finding alone, and the mapping problem the last save or re-check found (null: it fits).
 */
export const exportProfiles = sqliteTable(
  'export_profiles',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    /** The IssueMapping as saved (project_key, issue_type_id, severity_priority_ids, labels, extra_fields). */
    profileJson: text('profile_json').notNull(),
    /** `{code, field, message, next_action}` of the first problem found, or null. */
    problemJson: text('problem_json'),
    checkedAt: text('checked_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('export_profiles_workspace_target').on(table.workspaceId, table.targetId)],
);

/**
 * The Jira status of each finding's issue as last told (by the Forge trigger, the Data Center
 * webhook, a poll or the companion's own resolve/reopen): one row per finding of a target.
 */
export const findingIssueStatuses = sqliteTable(
  'finding_issue_statuses',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    fingerprint: text('fingerprint').notNull(),
    issueId: text('issue_id').notNull(),
    issueKey: text('issue_key').notNull(),
    statusId: text('status_id'),
    statusName: text('status_name'),
    statusCategory: text('status_category', { enum: ['new', 'indeterminate', 'done'] }),
    resolution: text('resolution'),
    /** Jira's own `updated` of the issue (ISO); an older report never overwrites a newer one. */
    jiraUpdatedAt: text('jira_updated_at'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    source: text('source', { enum: ['forge_trigger', 'webhook', 'poll', 'companion'] }).notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (table) => [uniqueIndex('finding_issue_statuses_finding').on(table.workspaceId, table.targetId, table.fingerprint)],
);

/** Append-only: one row per status change of a finding's issue; the integer id is the feed's keyset cursor. */
export const issueEvents = sqliteTable(
  'issue_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    fingerprint: text('fingerprint').notNull(),
    issueKey: text('issue_key').notNull(),
    statusName: text('status_name'),
    statusCategory: text('status_category', { enum: ['new', 'indeterminate', 'done'] }),
    resolution: text('resolution'),
    jiraUpdatedAt: text('jira_updated_at'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    source: text('source', { enum: ['forge_trigger', 'webhook', 'poll', 'companion'] }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('issue_events_target_idx').on(table.workspaceId, table.targetId, table.id)],
);

/** Per target: the Data Center webhook secret (sealed to workspace and target) and the polling state. */
export const statusSync = sqliteTable('status_sync', {
  targetId: text('target_id')
    .primaryKey()
    .references(() => targets.id),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  webhookSecretSealed: text('webhook_secret_sealed'),
  webhookSecretCreatedAt: text('webhook_secret_created_at'),
  lastPolledAt: text('last_polled_at'),
});

/** `X-Atlassian-Webhook-Identifier`s already applied per target (a redelivery changes nothing); kept 7 days. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    targetId: text('target_id')
      .notNull()
      .references(() => targets.id),
    identifier: text('identifier').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_target_identifier').on(table.targetId, table.identifier),
    index('webhook_deliveries_received_idx').on(table.receivedAt),
  ],
);
