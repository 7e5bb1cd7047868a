import {
  forgeDisconnectResponseSchema,
  forgePairResponseSchema,
  forgeStatusSchema,
  normalizePairingCode,
  type ForgeDisconnectRequest,
  type ForgePairRequest,
  type ForgeStatus,
} from '@shared/forge-remote-contract';
import { callRemote, PAGE_ERRORS, type InvokeRemote, type PageError } from './remote-call';

export type ConnectedStatus = Extract<ForgeStatus, { connected: true }>;
export type Blocked = NonNullable<ForgeStatus['blocked']>;

/** Everything the admin page shows. One state at a time; `busy` while a call is in flight. */
export type AdminPageState =
  | { kind: 'loading' }
  | { kind: 'unavailable'; error: PageError }
  | {
      kind: 'not-connected';
      codeInput: string;
      blocked: Blocked | null;
      error: PageError | null;
      notice: string | null;
      busy: boolean;
    }
  | {
      kind: 'connected';
      status: ConnectedStatus;
      confirmingDisconnect: boolean;
      error: PageError | null;
      busy: boolean;
    };

export interface AdminPageController {
  readonly state: AdminPageState;
  /** Reads the connection status (on open, and on "Try again"). */
  load(): Promise<void>;
  setCode(value: string): void;
  /** Checks the code's format, then sends `{code}`; a malformed code never leaves the page. */
  submitCode(): Promise<void>;
  /** Opens the confirmation; nothing is sent yet. */
  askDisconnect(): void;
  cancelDisconnect(): void;
  /** Sends the disconnect, only when the confirmation is open. */
  confirmDisconnect(): Promise<void>;
}

const notConnected = (blocked: Blocked | null, notice: string | null = null): AdminPageState => ({
  kind: 'not-connected',
  codeInput: '',
  blocked,
  error: null,
  notice,
  busy: false,
});

function fromStatus(status: ForgeStatus): AdminPageState {
  return status.connected ? { kind: 'connected', status, confirmingDisconnect: false, error: null, busy: false } : notConnected(status.blocked);
}

/**
 * The admin page's logic as a small state machine over an injected `invokeRemote`, so it can be
 * tested with a fake bridge. `onChange` receives every new state (the page's `setState`).
 */
export function createAdminPageController(deps: { invokeRemote: InvokeRemote; onChange?: (state: AdminPageState) => void }): AdminPageController {
  let state: AdminPageState = { kind: 'loading' };
  const set = (next: AdminPageState) => {
    state = next;
    deps.onChange?.(state);
  };

  return {
    get state() {
      return state;
    },

    async load() {
      set({ kind: 'loading' });
      const result = await callRemote(deps.invokeRemote, 'status', forgeStatusSchema);
      set(result.ok ? fromStatus(result.value) : { kind: 'unavailable', error: result.error });
    },

    setCode(value) {
      if (state.kind !== 'not-connected') return;
      set({ ...state, codeInput: value, error: null, notice: null });
    },

    async submitCode() {
      if (state.kind !== 'not-connected' || state.busy) return;
      const code = normalizePairingCode(state.codeInput);
      if (code === null) {
        set({ ...state, error: PAGE_ERRORS.PAIRING_CODE_FORMAT, notice: null });
        return;
      }
      const before = state;
      set({ ...before, busy: true, error: null, notice: null });
      const body: ForgePairRequest = { code };
      const result = await callRemote(deps.invokeRemote, 'pair', forgePairResponseSchema, body);
      if (result.ok && result.value.connected) {
        set(fromStatus(result.value));
      } else {
        set({ ...before, busy: false, notice: null, error: result.ok ? PAGE_ERRORS.UNEXPECTED_ANSWER : result.error });
      }
    },

    askDisconnect() {
      if (state.kind !== 'connected' || state.busy) return;
      set({ ...state, confirmingDisconnect: true, error: null });
    },

    cancelDisconnect() {
      if (state.kind !== 'connected' || state.busy) return;
      set({ ...state, confirmingDisconnect: false });
    },

    async confirmDisconnect() {
      if (state.kind !== 'connected' || !state.confirmingDisconnect || state.busy) return;
      const before = state;
      set({ ...before, busy: true, error: null });
      const body: ForgeDisconnectRequest = { confirm: true };
      const result = await callRemote(deps.invokeRemote, 'disconnect', forgeDisconnectResponseSchema, body);
      if (result.ok) {
        set(notConnected(null, `Disconnected from ${before.status.workspace_name}. WebRiskOps can no longer create tickets on this site.`));
      } else {
        set({ ...before, busy: false, confirmingDisconnect: false, error: result.error });
      }
    },
  };
}
