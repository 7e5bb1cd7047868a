import { describe, expect, it } from 'vitest';
import { actorLabel } from './actor-label';

describe('actorLabel', () => {
  it.each([
    ['user:admin@acme.example', 'admin@acme.example'],
    ['token:wro_ab12', 'API token wro_ab12…'],
    ['jira:5b10ac8d82e05b22cc7d4ef5', 'Jira administrator (Atlassian account 5b10ac8d82e05b22cc7d4ef5)'],
    ['forge:invocation', 'The WebRiskOps Forge app'],
    ['forge:lifecycle', 'Atlassian (app install or uninstall event)'],
    ['oauth:callback', 'Atlassian sign-in (OAuth 2.0)'],
    ['system', 'The companion'],
    ['system:recheck', 'The companion (periodic re-check)'],
    ['cli', 'The companion command line'],
    ['constructor:x', 'constructor:x'],
    ['unknown:thing', 'unknown:thing'],
  ])('%s reads as %s', (actor, label) => expect(actorLabel(actor)).toBe(label));
});
