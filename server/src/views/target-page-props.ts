import type { TargetOverview } from '../presenters/target-overview';
import type { StatusWebhookPageView } from './status-webhook-step';

/** The steps a form on the target page belongs to, so a refusal is shown where it happened. */
export type TargetStep = 'name' | 'site' | 'ownership' | 'network' | 'checks' | 'token' | 'save' | 'pairing' | 'oauth' | 'api-token';

/** A command's refusal as the page shows it: code, message, next action, next to the form that caused it. */
export interface Refusal {
  step: TargetStep;
  code: string;
  message: string;
  nextAction: string;
}

/** The URL-safety verdict for a base URL, in words (from "Check URL"). */
export interface UrlVerdictView {
  url: string;
  allowed: boolean;
  reason: string;
}

/** Everything the target page renders from: the overview, the operator's settings and what was just typed. */
export interface TargetPageProps {
  session: { email: string; csrfToken: string };
  nonce: string | undefined;
  overview: TargetOverview;
  egressIps: readonly string[];
  options: { oauthAvailable: boolean; attestedOwnershipAllowed: boolean };
  refusal?: Refusal | null;
  /** What the admin typed, kept when the server refused it (never a secret). */
  values?: Readonly<Record<string, string>>;
  urlVerdict?: UrlVerdictView | null;
  /** The setup steps were asked for ("Edit"): a ready target otherwise shows its summary. */
  editing?: boolean;
  /** The one-time pairing code, only in the answer that created it. */
  pairing?: { code: string; expires_at: string; seconds_left: number } | null;
  /** Data Center: the status webhook's URL and secret (admins only). */
  statusWebhook?: StatusWebhookPageView | null;
}
