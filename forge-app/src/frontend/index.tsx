import { invokeRemote } from '@forge/bridge';
import ForgeReconciler, {
  Button,
  ErrorMessage,
  Heading,
  HelperMessage,
  Inline,
  Label,
  Lozenge,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Spinner,
  Stack,
  Strong,
  Text,
  Textfield,
} from '@forge/react';
import { useEffect, useMemo, useState } from 'react';
import { createAdminPageController, type AdminPageController, type AdminPageState, type Blocked } from './admin-page-model';
import type { PageError } from './remote-call';

const CODE_FIELD_ID = 'wro-pairing-code';

/** An error and its next action, always together. */
function ErrorPanel({ error, onRetry }: { error: PageError; onRetry?: () => void }) {
  return (
    <SectionMessage appearance="error" title={error.message}>
      <Text>{error.nextAction}</Text>
      <Text size="small" color="color.text.subtlest">
        Code: {error.code}
      </Text>
      {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
    </SectionMessage>
  );
}

function BlockedPanel({ blocked }: { blocked: Blocked }) {
  return (
    <SectionMessage appearance="warning" title={blocked.message}>
      <Text>{blocked.next_action}</Text>
      <Text size="small" color="color.text.subtlest">
        Code: {blocked.code}
      </Text>
    </SectionMessage>
  );
}

function PairingForm({ state, controller }: { state: Extract<AdminPageState, { kind: 'not-connected' }>; controller: AdminPageController }) {
  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Text>Status:</Text>
        <Lozenge appearance="default">Not connected</Lozenge>
      </Inline>
      {state.notice ? (
        <SectionMessage appearance="success">
          <Text>{state.notice}</Text>
        </SectionMessage>
      ) : null}
      {state.blocked ? <BlockedPanel blocked={state.blocked} /> : null}
      <Text>
        In WebRiskOps, open your Jira target and choose <Strong>Connect Jira Cloud</Strong>. Paste the one-time code it shows here within 10 minutes. Only a
        Jira administrator can connect this site.
      </Text>
      <Stack space="space.050">
        <Label labelFor={CODE_FIELD_ID}>Pairing code</Label>
        <Textfield
          id={CODE_FIELD_ID}
          name="code"
          placeholder="WRO-…"
          isMonospaced
          isInvalid={state.error?.code === 'PAIRING_CODE_FORMAT'}
          isDisabled={state.busy}
          value={state.codeInput}
          onChange={(event) => controller.setCode(String(event.target.value ?? ''))}
        />
        {state.error?.code === 'PAIRING_CODE_FORMAT' ? (
          <ErrorMessage>{state.error.nextAction}</ErrorMessage>
        ) : (
          <HelperMessage>The code starts with WRO- and is used once.</HelperMessage>
        )}
      </Stack>
      {state.error && state.error.code !== 'PAIRING_CODE_FORMAT' ? <ErrorPanel error={state.error} /> : null}
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={state.busy || state.codeInput.trim() === ''} onClick={() => void controller.submitCode()}>
          {state.busy ? 'Connecting…' : 'Connect'}
        </Button>
      </Inline>
    </Stack>
  );
}

function ConnectedView({ state, controller }: { state: Extract<AdminPageState, { kind: 'connected' }>; controller: AdminPageController }) {
  const { status } = state;
  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Text>Status:</Text>
        <Lozenge appearance={status.state === 'ready' ? 'success' : status.state === 'blocked' ? 'removed' : 'inprogress'}>
          {`Connected · ${status.state}`}
        </Lozenge>
      </Inline>
      <Text>
        WebRiskOps workspace: <Strong>{status.workspace_name}</Strong>
      </Text>
      <Text size="small" color="color.text.subtle">
        Target {status.target_id}
        {status.site_url ? ` · ${status.site_url}` : ''} · paired {status.paired_at}
      </Text>
      {status.blocked ? <BlockedPanel blocked={status.blocked} /> : null}
      {state.error ? <ErrorPanel error={state.error} /> : null}
      <Inline space="space.100">
        <Button appearance="danger" isDisabled={state.busy} onClick={() => controller.askDisconnect()}>
          Disconnect
        </Button>
      </Inline>
      <ModalTransition>
        {state.confirmingDisconnect ? (
          <Modal onClose={() => controller.cancelDisconnect()}>
            <ModalHeader>
              <ModalTitle appearance="danger">Disconnect {status.workspace_name}?</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text>
                WebRiskOps stops creating and updating tickets on this site at once: its stored token is destroyed and the connection is revoked. Issues it
                already created stay. To connect again, a WebRiskOps admin starts a new Jira Cloud connection and gives you a new code.
              </Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" isDisabled={state.busy} onClick={() => controller.cancelDisconnect()}>
                Cancel
              </Button>
              <Button appearance="danger" isDisabled={state.busy} onClick={() => void controller.confirmDisconnect()}>
                {state.busy ? 'Disconnecting…' : 'Disconnect'}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}

/** The WebRiskOps Jira admin page: status, pairing and disconnect, all through the companion. */
function AdminPage() {
  const [state, setState] = useState<AdminPageState>({ kind: 'loading' });
  const controller = useMemo(() => createAdminPageController({ invokeRemote, onChange: setState }), []);
  useEffect(() => {
    void controller.load();
  }, [controller]);

  return (
    <Stack space="space.300">
      <Heading as="h2">WebRiskOps</Heading>
      {state.kind === 'loading' ? <Spinner label="Reading the connection status" /> : null}
      {state.kind === 'unavailable' ? <ErrorPanel error={state.error} onRetry={() => void controller.load()} /> : null}
      {state.kind === 'not-connected' ? <PairingForm state={state} controller={controller} /> : null}
      {state.kind === 'connected' ? <ConnectedView state={state} controller={controller} /> : null}
    </Stack>
  );
}

ForgeReconciler.render(<AdminPage />);
