import { beforeEach, describe, expect, it } from 'vitest';
import { FORGE_REMOTE_ERROR_INFO } from '@shared/forge-remote-contract';
import { createAdminPageController, type AdminPageController, type AdminPageState } from './admin-page-model';
import { createFakeBridge } from './fake-bridge';

const CODE = 'WRO-0123456789ABCDEFGHJKMNPQRS';
const CONNECTED = {
  connected: true,
  workspace_name: 'Acme security',
  target_id: 'tgt_123',
  state: 'ready',
  site_url: 'https://acme.atlassian.net',
  paired_at: '2026-09-01T10:00:00Z',
  blocked: null,
} as const;
const NOT_CONNECTED = { connected: false, blocked: null } as const;

let bridge: ReturnType<typeof createFakeBridge>;
let controller: AdminPageController;
let seen: AdminPageState[];

beforeEach(() => {
  bridge = createFakeBridge();
  seen = [];
  controller = createAdminPageController({ invokeRemote: bridge.invokeRemote, onChange: (state) => seen.push(state) });
});

function expectKind<K extends AdminPageState['kind']>(kind: K): Extract<AdminPageState, { kind: K }> {
  expect(controller.state.kind).toBe(kind);
  return controller.state as Extract<AdminPageState, { kind: K }>;
}

async function loadNotConnected() {
  bridge.answer('GET', '/forge/v1/status', { status: 200, body: NOT_CONNECTED });
  await controller.load();
}

async function loadConnected() {
  bridge.answer('GET', '/forge/v1/status', { status: 200, body: CONNECTED });
  await controller.load();
}

describe('status', () => {
  it('asks GET /forge/v1/status without a body and shows the bound workspace', async () => {
    await loadConnected();
    expect(bridge.calls).toEqual([{ method: 'GET', path: '/forge/v1/status' }]);
    expect(seen[0]).toEqual({ kind: 'loading' });
    const state = expectKind('connected');
    expect(state.status.workspace_name).toBe('Acme security');
    expect(state.status.target_id).toBe('tgt_123');
  });

  it('shows a blocked target with its code and next action', async () => {
    const blocked = { code: 'PROVIDER_AUTH_REQUIRED', message: 'No valid credential.', next_action: 'Reinstall the app.' } as const;
    bridge.answer('GET', '/forge/v1/status', { status: 200, body: { ...CONNECTED, state: 'blocked', blocked } });
    await controller.load();
    expect(expectKind('connected').status.blocked).toEqual(blocked);
  });

  it('shows "not connected" with the reason a former binding no longer holds', async () => {
    const blocked = { code: 'PROVIDER_AUTH_REQUIRED', message: 'The app was reinstalled.', next_action: 'Pair again.' } as const;
    bridge.answer('GET', '/forge/v1/status', { status: 200, body: { connected: false, blocked } });
    await controller.load();
    expect(expectKind('not-connected').blocked).toEqual(blocked);
  });

  it.each([
    ['a bridge failure', new Error('network'), 'REMOTE_UNREACHABLE'],
    ['a 401 without a body (Forge could not verify the token)', { status: 401 }, 'FORGE_INVOCATION_INVALID'],
    ['a 500 without an envelope', { status: 500, body: { message: 'boom' } }, 'COMPANION_ERROR'],
    ['a 200 of the wrong shape', { status: 200, body: { connected: true } }, 'UNEXPECTED_ANSWER'],
  ] as const)('turns %s into an error with a next action', async (_name, answer, code) => {
    bridge.answer('GET', '/forge/v1/status', answer);
    await controller.load();
    const { error } = expectKind('unavailable');
    expect(error.code).toBe(code);
    expect(error.message).not.toBe('');
    expect(error.nextAction).not.toBe('');
  });

  it('uses the Forge error text for a bare 401', async () => {
    bridge.answer('GET', '/forge/v1/status', { status: 401 });
    await controller.load();
    expect(expectKind('unavailable').error.nextAction).toBe(FORGE_REMOTE_ERROR_INFO.FORGE_INVOCATION_INVALID.nextAction);
  });
});

describe('pairing', () => {
  it('sends exactly {code} in canonical form to POST /forge/v1/pair and shows the bound workspace', async () => {
    await loadNotConnected();
    controller.setCode('  wro-01234 56789 abcde fghjk mnpqr s ');
    bridge.answer('POST', '/forge/v1/pair', { status: 200, body: CONNECTED });
    await controller.submitCode();
    expect(bridge.calls[1]).toEqual({ method: 'POST', path: '/forge/v1/pair', body: { code: CODE } });
    expect(expectKind('connected').status.workspace_name).toBe('Acme security');
  });

  it.each(['', 'hello', 'WRO-123', `${CODE}X`, CODE.replace('A', 'I'), CODE.replace('WRO-', '')])(
    'checks the format of %j before sending anything',
    async (input) => {
      await loadNotConnected();
      controller.setCode(input);
      await controller.submitCode();
      expect(bridge.calls).toHaveLength(1);
      const state = expectKind('not-connected');
      expect(state.error?.code).toBe('PAIRING_CODE_FORMAT');
      expect(state.error?.nextAction).toMatch(/WRO-/);
    },
  );

  it("shows the companion's error envelope as sent, keeping the typed code", async () => {
    await loadNotConnected();
    controller.setCode(CODE);
    const envelope = { error: { code: 'PAIRING_CODE_EXPIRED', message: 'This pairing code has expired.', next_action: 'Start again in WebRiskOps.' } };
    bridge.answer('POST', '/forge/v1/pair', { status: 410, body: envelope });
    await controller.submitCode();
    const state = expectKind('not-connected');
    expect(state.error).toEqual({ code: 'PAIRING_CODE_EXPIRED', message: 'This pairing code has expired.', nextAction: 'Start again in WebRiskOps.' });
    expect(state.codeInput).toBe(CODE);
    expect(state.busy).toBe(false);
  });

  it('refuses a pair answer that says "not connected"', async () => {
    await loadNotConnected();
    controller.setCode(CODE);
    bridge.answer('POST', '/forge/v1/pair', { status: 200, body: NOT_CONNECTED });
    await controller.submitCode();
    expect(expectKind('not-connected').error?.code).toBe('UNEXPECTED_ANSWER');
  });

  it('sends one request however often Connect is pressed while busy', async () => {
    await loadNotConnected();
    controller.setCode(CODE);
    bridge.answer('POST', '/forge/v1/pair', { status: 200, body: CONNECTED });
    await Promise.all([controller.submitCode(), controller.submitCode()]);
    expect(bridge.calls.filter((call) => call.path === '/forge/v1/pair')).toHaveLength(1);
  });

  it('clears the error when the code is edited', async () => {
    await loadNotConnected();
    controller.setCode('nope');
    await controller.submitCode();
    controller.setCode(CODE);
    expect(expectKind('not-connected').error).toBeNull();
  });
});

describe('disconnect', () => {
  it('sends nothing until the admin confirms', async () => {
    await loadConnected();
    await controller.confirmDisconnect();
    expect(bridge.calls).toHaveLength(1);
    controller.askDisconnect();
    expect(expectKind('connected').confirmingDisconnect).toBe(true);
    expect(bridge.calls).toHaveLength(1);
  });

  it('sends nothing after the admin cancels', async () => {
    await loadConnected();
    controller.askDisconnect();
    controller.cancelDisconnect();
    await controller.confirmDisconnect();
    expect(bridge.calls).toHaveLength(1);
    expect(expectKind('connected').confirmingDisconnect).toBe(false);
  });

  it('after confirmation posts {confirm: true} and shows the page as not connected', async () => {
    await loadConnected();
    controller.askDisconnect();
    bridge.answer('POST', '/forge/v1/disconnect', { status: 200, body: { disconnected: true, target_id: 'tgt_123' } });
    await controller.confirmDisconnect();
    expect(bridge.calls[1]).toEqual({ method: 'POST', path: '/forge/v1/disconnect', body: { confirm: true } });
    const state = expectKind('not-connected');
    expect(state.notice).toMatch(/Acme security/);
    expect(state.codeInput).toBe('');
  });

  it('keeps the connection shown, with the error and its next action, when disconnect fails', async () => {
    await loadConnected();
    controller.askDisconnect();
    const envelope = { error: { code: 'JIRA_ADMIN_REQUIRED', message: 'Only a Jira administrator can do this.', next_action: 'Ask an admin.' } };
    bridge.answer('POST', '/forge/v1/disconnect', { status: 403, body: envelope });
    await controller.confirmDisconnect();
    const state = expectKind('connected');
    expect(state.error).toEqual({ code: 'JIRA_ADMIN_REQUIRED', message: 'Only a Jira administrator can do this.', nextAction: 'Ask an admin.' });
    expect(state.confirmingDisconnect).toBe(false);
  });
});
