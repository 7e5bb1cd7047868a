import { JIRA_SCREENS } from './jira-screens';

/**
 * The closed set of reasons a Jira target may not receive tickets. Each code carries the message a
 * person reads and a generic next action; where the target is known, `nextActionFor` (next-actions.ts)
 * gives the one next action of its provider, auth method and failing check instead.
 */
export const BLOCKED_CODES = ['PROVIDER_AUTH_REQUIRED', 'PROVIDER_BASE_URL_BLOCKED', 'PROVIDER_SCOPE_UNAVAILABLE', 'PROVIDER_ALLOWLIST_REQUIRED'] as const;

export type BlockedCode = (typeof BLOCKED_CODES)[number];

export interface BlockedCodeInfo {
  message: string;
  nextAction: string;
}

/** Message and next action per code; `reason` (from the failing check) says which detail failed. */
export const BLOCKED_CODE_INFO: Readonly<Record<BlockedCode, BlockedCodeInfo>> = {
  PROVIDER_AUTH_REQUIRED: {
    message: 'There is no valid credential for this Jira target.',
    nextAction: 'Reconnect: reinstall or re-pair the WebRiskOps Forge app, sign in again with OAuth, or enter a new API token or Personal Access Token.',
  },
  PROVIDER_BASE_URL_BLOCKED: {
    message: 'The Jira base URL failed a safety or ownership check.',
    nextAction: `Enter the exact https base URL of a Jira site you own (${JIRA_SCREENS.baseUrl}) that resolves only to public addresses, or ask the operator to approve your private network as a tunnel.`,
  },
  PROVIDER_SCOPE_UNAVAILABLE: {
    message: 'The credential cannot read project metadata, create issues or update issues.',
    nextAction:
      'Grant the account behind the credential Browse Projects, Create Issues and Edit Issues in the target projects (Cloud: the read:jira-work and write:jira-work scopes only), then run the checks again.',
  },
  PROVIDER_ALLOWLIST_REQUIRED: {
    message: 'The companion has no verified network path to this Jira.',
    nextAction:
      "Allowlist the companion's egress addresses on your firewall and confirm it, or ask the WebRiskOps operator to approve your network as a tunnel, then run the checks again.",
  },
};

/** True when `value` is one of the blocked codes. */
export function isBlockedCode(value: unknown): value is BlockedCode {
  return typeof value === 'string' && (BLOCKED_CODES as readonly string[]).includes(value);
}
