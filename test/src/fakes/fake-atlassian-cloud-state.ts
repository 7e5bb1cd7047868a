import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeStatus } from './fake-jira-workflow';

/** Project permissions a normal user (and an app user with the addons role) holds by default. */
export const DEFAULT_PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'LINK_ISSUES',
];

/** A person or an app's bot account. */
export interface FakeUser {
  accountId: string;
  accountType: 'atlassian' | 'app';
  email?: string;
  displayName: string;
  /** cloudIds the account may use at all. */
  sites: Set<string>;
  /** cloudIds where it holds the global ADMINISTER permission ("Jira administrator"). */
  adminOf: Set<string>;
  /** Project permissions it holds in every project of its sites (an admin can strip the app user's role). */
  projectPermissions: Set<string>;
}

/** One createmeta field of an issue type. `kind` drives validation of create/edit values. */
export interface FakeField {
  fieldId: string;
  name: string;
  required: boolean;
  kind: 'project' | 'issuetype' | 'string' | 'adf' | 'priority' | 'labels' | 'components' | 'option' | 'number';
  schema: { type: string; system?: string; custom?: string; customId?: number; items?: string };
  operations: string[];
  allowedValues?: Record<string, unknown>[];
  defaultValue?: Record<string, unknown>;
}

export interface FakeIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  fields: FakeField[];
}

export interface FakeProject {
  id: string;
  key: string;
  name: string;
  issueTypes: FakeIssueType[];
}

export interface FakeIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  fields: Record<string, unknown>;
  properties: Map<string, unknown>;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  /** Workflow status (To Do when absent), resolution and comments added by transitions. */
  status?: FakeStatus;
  resolution?: { id: string; name: string } | null;
  comments?: unknown[];
}

export interface FakeSite {
  cloudId: string;
  /** Short name, as accessible-resources reports it. */
  name: string;
  hostname: string;
  /** Overrides the site URL reported in accessible-resources, serverInfo and tenant_info checks. */
  urlOverride?: string;
  avatarUrl: string;
  projects: Map<string, FakeProject>;
  issues: Map<string, FakeIssue>;
  nextIssueId: number;
  issueCounters: Map<string, number>;
}

/** An access token the api host accepts as `Authorization: Bearer`. */
export interface FakeAccessToken {
  token: string;
  kind: 'oauth' | 'forge-system' | 'forge-user';
  accountId: string;
  cloudIds: string[];
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
  clientId?: string;
  installationId?: string;
}

export interface FakeRefreshToken {
  token: string;
  grantId: string;
  clientId: string;
  accountId: string;
  cloudIds: string[];
  scopes: string[];
  state: 'active' | 'rotated' | 'revoked';
  rotatedAt?: number;
}

export interface FakeAuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  /** The PKCE S256 `code_challenge` of the authorization request, if it sent one: the exchange must then prove its verifier. */
  codeChallenge?: string;
  accountId: string;
  cloudIds: string[];
  scopes: string[];
  used: boolean;
  expiresAt: number;
}

export interface FakeApiToken {
  token: string;
  accountId: string;
  /** Scoped tokens work only through the api host (`/ex/jira/{cloudId}`), unscoped ones only on the site. */
  scoped: boolean;
  revoked: boolean;
  expiresAt?: number;
}

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Registered callback URLs; empty accepts any. */
  redirectUris: string[];
}

export interface FakeForgeInstallation {
  installationId: string;
  cloudId: string;
  appAccountId: string;
  active: boolean;
  scopes: string[];
}

/** Who consents at `/authorize`, to which sites, with which of the requested scopes. */
export interface FakeOAuthConsent {
  accountId: string;
  /** Sites granted; default every site the user can use. */
  cloudIds?: string[];
  /** Scopes the user grants; default all requested. */
  scopes?: string[];
  /** Answer `error=access_denied` instead of a code. */
  deny?: boolean;
}

/** Everything the fake cloud knows; tests may read and change it directly. */
export interface FakeCloudState {
  now: () => number;
  sites: Map<string, FakeSite>;
  users: Map<string, FakeUser>;
  accessTokens: Map<string, FakeAccessToken>;
  refreshTokens: Map<string, FakeRefreshToken>;
  authCodes: Map<string, FakeAuthCode>;
  apiTokens: Map<string, FakeApiToken>;
  oauthClients: Map<string, FakeOAuthClient>;
  installations: Map<string, FakeForgeInstallation>;
  consent: FakeOAuthConsent | undefined;
  /** Every refresh answers `invalid_grant`. */
  rejectRefresh: boolean;
  /** A rotated refresh token still works for this long (Atlassian documents a short reuse window). */
  refreshReuseLeewaySeconds: number;
  /** New issues become visible to JQL search only after this long (Jira's index lag); `reconcileIssues` bypasses it. */
  searchLagMs: number;
  accessTokenLifetimeSeconds: number;
}

/** Seed of one project: issue types default to Bug and Task with the usual fields. */
export interface ProjectSeed {
  key: string;
  name?: string;
  id?: string;
  issueTypes?: { id: string; name: string; description?: string; extraFields?: FakeField[]; omitFields?: string[] }[];
  priorities?: { id: string; name: string }[];
  components?: { id: string; name: string }[];
}

/** A random opaque secret with a recognisable prefix. */
export function opaqueSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** The createmeta fields every seeded issue type has. */
export function standardFields(project: { id: string; key: string; name: string }, issueType: { id: string; name: string }, seed: ProjectSeed): FakeField[] {
  const priorities = seed.priorities ?? [
    { id: '1', name: 'Highest' },
    { id: '2', name: 'High' },
    { id: '3', name: 'Medium' },
    { id: '4', name: 'Low' },
    { id: '5', name: 'Lowest' },
  ];
  const medium = priorities.find((priority) => priority.name === 'Medium') ?? priorities[0];
  const components = seed.components ?? [{ id: '10000', name: 'Web' }];
  return [
    {
      fieldId: 'project',
      name: 'Project',
      required: true,
      kind: 'project',
      schema: { type: 'project', system: 'project' },
      operations: ['set'],
      allowedValues: [{ id: project.id, key: project.key, name: project.name }],
    },
    {
      fieldId: 'issuetype',
      name: 'Issue Type',
      required: true,
      kind: 'issuetype',
      schema: { type: 'issuetype', system: 'issuetype' },
      operations: [],
      allowedValues: [{ id: issueType.id, name: issueType.name, subtask: false }],
    },
    { fieldId: 'summary', name: 'Summary', required: true, kind: 'string', schema: { type: 'string', system: 'summary' }, operations: ['set'] },
    { fieldId: 'description', name: 'Description', required: false, kind: 'adf', schema: { type: 'string', system: 'description' }, operations: ['set'] },
    {
      fieldId: 'priority',
      name: 'Priority',
      required: false,
      kind: 'priority',
      schema: { type: 'priority', system: 'priority' },
      operations: ['set'],
      allowedValues: priorities.map((priority) => ({ id: priority.id, name: priority.name })),
      ...(medium ? { defaultValue: { id: medium.id, name: medium.name } } : {}),
    },
    {
      fieldId: 'labels',
      name: 'Labels',
      required: false,
      kind: 'labels',
      schema: { type: 'array', items: 'string', system: 'labels' },
      operations: ['add', 'set', 'remove'],
    },
    {
      fieldId: 'components',
      name: 'Components',
      required: false,
      kind: 'components',
      schema: { type: 'array', items: 'component', system: 'components' },
      operations: ['add', 'set', 'remove'],
      allowedValues: components.map((c) => ({ ...c })),
    },
  ];
}

/** Builds a project from its seed. */
export function buildProject(seed: ProjectSeed, fallbackId: string): FakeProject {
  const base = { id: seed.id ?? fallbackId, key: seed.key, name: seed.name ?? seed.key };
  const types = seed.issueTypes ?? [
    { id: '10004', name: 'Bug', description: 'A problem or error.' },
    { id: '10002', name: 'Task', description: 'A small, distinct piece of work.' },
  ];
  return {
    ...base,
    issueTypes: types.map((type) => ({
      id: type.id,
      name: type.name,
      description: type.description ?? '',
      subtask: false,
      fields: [...standardFields(base, type, seed).filter((field) => !type.omitFields?.includes(field.fieldId)), ...(type.extraFields ?? [])],
    })),
  };
}

/** An empty site. */
export function buildSite(seed: { name: string; hostname: string; cloudId?: string; urlOverride?: string }): FakeSite {
  return {
    cloudId: seed.cloudId ?? randomUUID(),
    name: seed.name,
    hostname: seed.hostname.toLowerCase(),
    ...(seed.urlOverride ? { urlOverride: seed.urlOverride } : {}),
    avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png',
    projects: new Map(),
    issues: new Map(),
    nextIssueId: 10000,
    issueCounters: new Map(),
  };
}

/** Whether `user` holds `permission` on `site` (ADMINISTER is global; admins hold every project permission). */
export function hasPermission(user: FakeUser | undefined, site: FakeSite, permission: string): boolean {
  if (!user || !user.sites.has(site.cloudId)) return false;
  if (user.adminOf.has(site.cloudId)) return permission !== 'SYSTEM_ADMIN';
  return user.projectPermissions.has(permission);
}

/** A new, empty state. */
export function createCloudState(now: () => number): FakeCloudState {
  return {
    now,
    sites: new Map(),
    users: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    authCodes: new Map(),
    apiTokens: new Map(),
    oauthClients: new Map(),
    installations: new Map(),
    consent: undefined,
    rejectRefresh: false,
    refreshReuseLeewaySeconds: 0,
    searchLagMs: 0,
    accessTokenLifetimeSeconds: 3600,
  };
}
