/** How each kind of actor id (`kind:rest`, as audit rows and attestations store it) reads on a page. */
const ACTOR_KINDS: Readonly<Record<string, (rest: string) => string>> = {
  user: (email) => email,
  token: (prefix) => `API token ${prefix}…`,
  jira: (accountId) => `Jira administrator (Atlassian account ${accountId})`,
  forge: (what) => (what === 'lifecycle' ? 'Atlassian (app install or uninstall event)' : 'The WebRiskOps Forge app'),
  oauth: () => 'Atlassian sign-in (OAuth 2.0)',
  system: (what) => (what === 'recheck' ? 'The companion (periodic re-check)' : 'The companion'),
  cli: () => 'The companion command line',
};

/**
 * A person or process as people read it: `user:admin@acme.example` is `admin@acme.example`,
 * never the stored id. An id of an unknown kind is shown as it is rather than guessed at.
 */
export function actorLabel(actor: string): string {
  const colon = actor.indexOf(':');
  const kind = colon === -1 ? actor : actor.slice(0, colon);
  const rest = colon === -1 ? '' : actor.slice(colon + 1);
  const label = Object.hasOwn(ACTOR_KINDS, kind) ? ACTOR_KINDS[kind] : undefined;
  return label ? label(rest) : actor;
}
