import { z } from 'zod';
import { BLOCKED_CODES } from './blocked-codes';
import { FORGE_PLATFORM_SCOPES, REQUIRED_CLOUD_SCOPES } from './scopes';
import { TARGET_STATES } from './target-record';

/**
 * The one contract between the Jira Forge app (root `manifest.yml`, `forge-app/`) and the
 * companion's Forge Remote routes: which route exists, which manifest module reaches it through
 * which endpoint, which Forge Invocation Token module keys it accepts, and the bodies exchanged.
 * The manifest test checks `manifest.yml` against this table; the companion binds routes from it.
 */

/** The `remotes[].key` of the companion in `manifest.yml` (at most 23 characters). */
export const FORGE_REMOTE_KEY = 'webriskops-companion';

/** Runtime the manifest declares (nodejs20.x is blocked for new deploys). */
export const FORGE_RUNTIME = 'nodejs22.x';

/** Exactly the scopes the app declares: Jira work read/write plus the two Forge Remote token scopes. */
export const FORGE_APP_SCOPES = [...REQUIRED_CLOUD_SCOPES, ...FORGE_PLATFORM_SCOPES] as const;

/** Lifecycle events the lifecycle trigger subscribes to (there is no uninstalled event; see preUninstall). */
export const FORGE_LIFECYCLE_EVENTS = ['avi:forge:installed:app', 'avi:forge:upgraded:app'] as const;

/** Jira issue events the status trigger subscribes to: a finding's issue changed or went away. */
export const FORGE_ISSUE_EVENTS = ['avi:jira:updated:issue', 'avi:jira:deleted:issue'] as const;

/**
 * The trigger's Jira expression filter: only issues carrying the finding property reach the
 * companion (which checks its own finding-to-issue map anyway).
 */
export const FORGE_ISSUE_EVENTS_FILTER = "event.issue.properties['webriskops.finding'] != null";

/** Every manifest module key the app declares, in one place. Endpoint keys are at most 23 characters. */
export const FORGE_MODULE_KEYS = {
  adminPage: 'wro-admin-page',
  adminPageEndpoint: 'remote-admin-page',
  lifecycleTrigger: 'wro-lifecycle-trigger',
  lifecycleEndpoint: 'remote-lifecycle',
  preUninstall: 'wro-pre-uninstall',
  preUninstallEndpoint: 'remote-pre-uninstall',
  tokenRefreshSchedule: 'wro-token-refresh-hourly',
  tokenRefreshEndpoint: 'remote-token-refresh',
  issueStatusTrigger: 'wro-issue-status-trigger',
  issueStatusEndpoint: 'remote-issue-status',
} as const;

/** The resource key of the admin page's UI Kit entry file. */
export const FORGE_ADMIN_PAGE_RESOURCE_KEY = 'admin-page-ui';

/** Manifest module types that reach the companion. */
export type ForgeCallerModuleType = 'jira:adminPage' | 'trigger' | 'preUninstall' | 'scheduledTrigger';

/** The Forge tokens an endpoint's `auth` block asks for. */
export type ForgeAppToken = 'appSystemToken' | 'appUserToken';

/** One remote route and the manifest chain that reaches it: caller module -> endpoint -> route. */
export interface ForgeRemoteRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The manifest module whose invocation arrives here. */
  readonly caller: { readonly type: ForgeCallerModuleType; readonly key: string };
  /** The `endpoint` module the caller names (`resolver.endpoint` or `endpoint`). */
  readonly endpointKey: string;
  /**
   * True when the path comes from the endpoint's `route.path` (triggers); false when the admin
   * page's frontend names the path in `invokeRemote` (the UI endpoint has no route).
   */
  readonly pathInManifest: boolean;
  /**
   * Values of the FIT's `app.module.key` (and of `context.moduleKey`, when present) this route
   * accepts. A UI call carries the UI module's key; backend calls carry the endpoint key
   * (`app.module.type` `core:endpoint`). The trigger module's key is accepted too because Atlassian
   * does not document which of the two a trigger's FIT names; both belong to this route only.
   */
  readonly acceptedModuleKeys: readonly string[];
  /** Tokens the endpoint's `auth` block enables; the companion reads them from `x-forge-oauth-*`. */
  readonly tokens: readonly ForgeAppToken[];
  /** True when the FIT must carry a `principal` (a user in session). */
  readonly principalRequired: boolean;
  /** For `trigger` callers: exactly the events the manifest subscribes to. */
  readonly events?: readonly string[];
}

const K = FORGE_MODULE_KEYS;
const adminPageCaller = { type: 'jira:adminPage', key: K.adminPage } as const;
const adminPageRoute = {
  caller: adminPageCaller,
  endpointKey: K.adminPageEndpoint,
  pathInManifest: false,
  acceptedModuleKeys: [K.adminPage],
  tokens: ['appSystemToken', 'appUserToken'],
  principalRequired: true,
} as const;

/** Every Forge Remote route the companion serves, by name. Paths are fixed. */
export const FORGE_REMOTE_ROUTES = {
  pair: { method: 'POST', path: '/forge/v1/pair', ...adminPageRoute },
  status: { method: 'GET', path: '/forge/v1/status', ...adminPageRoute },
  disconnect: { method: 'POST', path: '/forge/v1/disconnect', ...adminPageRoute },
  lifecycle: {
    method: 'POST',
    path: '/forge/v1/lifecycle',
    caller: { type: 'trigger', key: K.lifecycleTrigger },
    endpointKey: K.lifecycleEndpoint,
    pathInManifest: true,
    acceptedModuleKeys: [K.lifecycleEndpoint, K.lifecycleTrigger],
    tokens: ['appSystemToken'],
    principalRequired: false,
    events: FORGE_LIFECYCLE_EVENTS,
  },
  issueEvents: {
    method: 'POST',
    path: '/forge/v1/issue-events',
    caller: { type: 'trigger', key: K.issueStatusTrigger },
    endpointKey: K.issueStatusEndpoint,
    pathInManifest: true,
    acceptedModuleKeys: [K.issueStatusEndpoint, K.issueStatusTrigger],
    tokens: ['appSystemToken'],
    principalRequired: false,
    events: FORGE_ISSUE_EVENTS,
  },
  preUninstall: {
    method: 'POST',
    path: '/forge/v1/pre-uninstall',
    caller: { type: 'preUninstall', key: K.preUninstall },
    endpointKey: K.preUninstallEndpoint,
    pathInManifest: true,
    acceptedModuleKeys: [K.preUninstallEndpoint, K.preUninstall],
    tokens: ['appSystemToken'],
    principalRequired: false,
  },
  tokenRefresh: {
    method: 'POST',
    path: '/forge/v1/token-refresh',
    caller: { type: 'scheduledTrigger', key: K.tokenRefreshSchedule },
    endpointKey: K.tokenRefreshEndpoint,
    pathInManifest: true,
    acceptedModuleKeys: [K.tokenRefreshEndpoint, K.tokenRefreshSchedule],
    tokens: ['appSystemToken'],
    principalRequired: false,
  },
} as const satisfies Record<string, ForgeRemoteRoute>;

export type ForgeRemoteRouteName = keyof typeof FORGE_REMOTE_ROUTES;

/** The routes as a list, for binding and checking. */
export const FORGE_REMOTE_ROUTE_LIST: readonly (ForgeRemoteRoute & { name: ForgeRemoteRouteName })[] = (
  Object.keys(FORGE_REMOTE_ROUTES) as ForgeRemoteRouteName[]
).map((name) => ({ name, ...FORGE_REMOTE_ROUTES[name] }));

/** The route a method and path name, if any. */
export function findForgeRemoteRoute(method: string, path: string): (ForgeRemoteRoute & { name: ForgeRemoteRouteName }) | undefined {
  return FORGE_REMOTE_ROUTE_LIST.find((route) => route.method === method.toUpperCase() && route.path === path);
}

// ---- Pairing code ---------------------------------------------------------------------------

/** Crockford base32 (no I, L, O, U): what a person can read back without confusing characters. */
export const PAIRING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 base32 characters carry 130 bits, above the 128 the pairing design requires. */
export const PAIRING_CODE_BODY_LENGTH = 26;
export const PAIRING_CODE_PREFIX = 'WRO-';
/** The canonical pairing code: `WRO-` and 26 Crockford base32 characters. */
export const PAIRING_CODE_PATTERN = /^WRO-[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The canonical code for what a person pasted (spaces, hyphens and letter case forgiven), or null
 * when it cannot be a pairing code. The page checks this before sending anything.
 */
export function normalizePairingCode(input: string): string | null {
  const compact = input.replace(/[\s-]+/g, '').toUpperCase();
  if (!compact.startsWith('WRO')) return null;
  const candidate = `${PAIRING_CODE_PREFIX}${compact.slice(3)}`;
  return PAIRING_CODE_PATTERN.test(candidate) ? candidate : null;
}

export const pairingCodeSchema = z.string().regex(PAIRING_CODE_PATTERN, 'A pairing code is WRO- followed by 26 letters and digits.');

// ---- Bodies ----------------------------------------------------------------------------------

/** `POST /forge/v1/pair` request body. Identity (site, user) comes from the FIT, never from here. */
export const forgePairRequestSchema = z.strictObject({ code: pairingCodeSchema });
export type ForgePairRequest = z.infer<typeof forgePairRequestSchema>;

/** Why a target cannot receive tickets, and what unblocks it (wording from BLOCKED_CODE_INFO). */
export const forgeBlockedSchema = z.strictObject({
  code: z.enum(BLOCKED_CODES),
  message: z.string(),
  next_action: z.string(),
});

/**
 * `GET /forge/v1/status` answer (also the `POST /forge/v1/pair` success answer): whether this Jira
 * installation is bound to a WebRiskOps target, and if so which one and in which state.
 */
export const forgeStatusSchema = z.discriminatedUnion('connected', [
  z.strictObject({
    connected: z.literal(false),
    /** Set when a binding existed but no longer holds (for example a reinstall needs a new pairing). */
    blocked: forgeBlockedSchema.nullable(),
  }),
  z.strictObject({
    connected: z.literal(true),
    workspace_name: z.string().min(1),
    target_id: z.string().min(1),
    state: z.enum(TARGET_STATES),
    site_url: z.string().nullable(),
    paired_at: z.iso.datetime({ offset: true }),
    blocked: forgeBlockedSchema.nullable(),
  }),
]);
export type ForgeStatus = z.infer<typeof forgeStatusSchema>;

/** `POST /forge/v1/pair` answers the new status; it is always connected. */
export const forgePairResponseSchema = forgeStatusSchema;

/** `POST /forge/v1/disconnect` request body: the admin confirmed in the page. */
export const forgeDisconnectRequestSchema = z.strictObject({ confirm: z.literal(true) });
export type ForgeDisconnectRequest = z.infer<typeof forgeDisconnectRequestSchema>;

/** `POST /forge/v1/disconnect` answer: the target that was unbound (null when none was bound). */
export const forgeDisconnectResponseSchema = z.strictObject({
  disconnected: z.literal(true),
  target_id: z.string().nullable(),
});
export type ForgeDisconnectResponse = z.infer<typeof forgeDisconnectResponseSchema>;

/** Error codes specific to the Forge routes; blocked codes and the generic API codes may also appear. */
export const FORGE_REMOTE_ERROR_CODES = [
  'FORGE_INVOCATION_INVALID',
  'PAIRING_CODE_INVALID',
  'PAIRING_CODE_EXPIRED',
  'PAIRING_CODE_USED',
  'PAIRING_RATE_LIMITED',
  'JIRA_ADMIN_REQUIRED',
  'NOT_PAIRED',
  'INSTALLATION_MISMATCH',
] as const;
export type ForgeRemoteErrorCode = (typeof FORGE_REMOTE_ERROR_CODES)[number];

/** Message and next action per Forge error code, for the companion to answer and the page to fall back on. */
export const FORGE_REMOTE_ERROR_INFO: Readonly<Record<ForgeRemoteErrorCode, { message: string; nextAction: string }>> = {
  FORGE_INVOCATION_INVALID: {
    message: 'The companion could not verify that this call came from the WebRiskOps Forge app on this site.',
    nextAction: 'Reload the page. If it persists, ask the WebRiskOps operator to check FORGE_APP_ID and the companion clock.',
  },
  PAIRING_CODE_INVALID: {
    message: 'This pairing code is not known.',
    nextAction: 'Copy the code again from WebRiskOps (Jira target > Connect Jira Cloud) and paste it whole.',
  },
  PAIRING_CODE_EXPIRED: {
    message: 'This pairing code has expired (codes last 10 minutes).',
    nextAction: 'Start "Connect Jira Cloud" again in WebRiskOps to get a new code.',
  },
  PAIRING_CODE_USED: {
    message: 'This pairing code was already used.',
    nextAction: 'Start "Connect Jira Cloud" again in WebRiskOps to get a new code.',
  },
  PAIRING_RATE_LIMITED: {
    message: 'Too many pairing attempts.',
    nextAction: 'Wait a few minutes, then paste a fresh code from WebRiskOps.',
  },
  JIRA_ADMIN_REQUIRED: {
    message: 'Only a Jira administrator can connect this site to WebRiskOps.',
    nextAction: 'Ask a Jira administrator (Administer Jira permission) to paste the code.',
  },
  NOT_PAIRED: {
    message: 'This Jira site is not connected to WebRiskOps.',
    nextAction: 'Paste a pairing code from WebRiskOps (Jira target > Connect Jira Cloud).',
  },
  INSTALLATION_MISMATCH: {
    message: 'This call names another Jira site than the one this app installation was first seen on; it was refused and recorded.',
    nextAction: 'Nothing was changed. If the app really moved to another site, uninstall and install it again there, then pair with a new code.',
  },
};

/** Every non-2xx Forge route answer: `{"error":{code,message,next_action}}` (same as the API's). */
export const forgeRemoteErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().min(1),
    message: z.string(),
    next_action: z.string(),
  }),
});
export type ForgeRemoteError = z.infer<typeof forgeRemoteErrorSchema>;
