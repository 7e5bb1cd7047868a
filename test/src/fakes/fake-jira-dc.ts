import { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { type AddressInfo } from 'node:net';
import { createTestCertificates, type TestCertificates } from '../support/test-ca';
import { answerImposedByBehaviour, defaultBehaviour, type FakeJiraDcBehaviour, html } from './fake-jira-dc-behaviour';
import {
  defaultFakeJiraProjects,
  type FakeAnswer,
  type FakeJiraField,
  type FakeJiraIssue,
  type FakeJiraProject,
  type JiraPermissionKey,
} from './fake-jira-dc-model';
import { JIRA_DC_ROUTES, type JiraCaller, type RouteContext } from './fake-jira-dc-routes';
import { FakeJiraDcStore, newPatString, type PatGrant, permissionSet } from './fake-jira-dc-state';
import { issueBody } from './fake-jira-dc-bodies';
import { moveIssue } from './fake-jira-dc-transitions';
import { FAKE_STATUSES, webhookDelivery, type FakeWebhook, type FakeWorkflowMode } from './fake-jira-workflow';

export { type FakeJiraDcBehaviour } from './fake-jira-dc-behaviour';
export { defaultFakeJiraProjects, type FakeJiraIssue, type FakeJiraProject, type JiraPermissionKey } from './fake-jira-dc-model';

/** Where and how the fake listens, and what it holds at the start. */
export interface FakeJiraDcOptions {
  hostname: string;
  /** e.g. `/jira`; empty means Jira at the root. */
  contextPath?: string;
  /** Made for `hostname` and 127.0.0.1 by a throwaway CA when absent. */
  certificates?: TestCertificates;
  port?: number;
  projects?: FakeJiraProject[];
  serverTitle?: string;
  now?: () => Date;
}

/** One request the fake received, before any behaviour acted on it. */
export interface RecordedJiraRequest {
  method: string;
  /** The path as received, context path included, without the query. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  hasToken: boolean;
}

/** A fake Jira Data Center 10.3 over HTTPS on 127.0.0.1. */
export interface FakeJiraDc {
  readonly port: number;
  /** `https://{hostname}:{port}{contextPath}`. */
  readonly baseUrl: string;
  /** PEM of the CA that signed the fake's certificate. */
  readonly ca: string;
  readonly requests: readonly RecordedJiraRequest[];
  requestsWithToken(): RecordedJiraRequest[];
  /** A new valid PAT for `user` (default `webriskops-bot`), every permission granted unless listed false. */
  issuePat(options?: { user?: string; permissions?: Partial<Record<JiraPermissionKey, boolean>> }): string;
  revokePat(pat: string): void;
  behave(behaviour: Partial<FakeJiraDcBehaviour>): void;
  readonly behaviour: Readonly<FakeJiraDcBehaviour>;
  /** Behaviours back to defaults, requests and issues forgotten; issued PATs (and revocations) kept. */
  reset(): void;
  readonly issues: readonly FakeJiraIssue[];
  readonly projects: readonly FakeJiraProject[];
  /** Test controls on create metadata: a priority leaves a screen, a field becomes required, a project is archived. */
  removePriority(projectKey: string, issueTypeId: string, priorityId: string): void;
  requireField(projectKey: string, issueTypeId: string, fieldId: string, field?: FakeJiraField): void;
  archiveProject(projectKey: string): void;
  /** The workflow issues follow from now on (reset: `standard`). */
  useWorkflow(mode: FakeWorkflowMode): void;
  /** A person moves an issue "inside Jira" (to To Do, In Progress or Done); registered webhooks fire. */
  transitionIssue(key: string, to: keyof typeof FAKE_STATUSES): Promise<void>;
  /** A person deletes an issue; registered webhooks fire `jira:issue_deleted`. */
  deleteIssue(key: string): Promise<void>;
  /** A webhook a Jira admin registered: every issue change is delivered to it, signed with its secret. */
  registerWebhook(webhook: FakeWebhook): void;
  /** Resolves when every delivery started so far has been answered. */
  webhooksSettled(): Promise<void>;
  close(): Promise<void>;
}

const UNAUTHENTICATED_BODY = { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} };
const REST_PREFIX = /^\/rest\/api\/(?:2|latest)\/(.*)$/;

/** Starts the fake; see {@link FakeJiraDcBehaviour} for what tests can change. */
export async function startFakeJiraDc(options: FakeJiraDcOptions): Promise<FakeJiraDc> {
  const contextPath = (options.contextPath ?? '').replace(/\/+$/, '');
  const certificates = options.certificates ?? (await createTestCertificates({ dnsNames: [options.hostname], ipAddresses: ['127.0.0.1'] }));
  const now = options.now ?? (() => new Date());
  const store = new FakeJiraDcStore(structuredClone(options.projects ?? defaultFakeJiraProjects()), now);
  const pats = new Map<string, PatGrant>();
  const requests: RecordedJiraRequest[] = [];
  const pendingDelays = new Set<NodeJS.Timeout>();
  let behaviour = defaultBehaviour();
  let requestCounter = 0;

  const webhooks: FakeWebhook[] = [];
  const deliveries: Promise<unknown>[] = [];
  store.listeners.push((issue, event) => {
    const base = `https://${options.hostname}:${port}${contextPath}`;
    const body = issueBody(base, issue, store.findProject(issue.projectKey), store.issueType(issue), { fields: 'all', properties: 'none' });
    for (const webhook of webhooks) deliveries.push(webhook.deliver(webhookDelivery(event, body, webhook.secret, now())).catch(() => undefined));
  });
  const issueNamed = (key: string) => {
    const issue = store.findIssue(key);
    if (!issue) throw new Error(`fake Jira: no issue ${key}`);
    return issue;
  };
  const settled = async () => {
    while (deliveries.length > 0) await Promise.all(deliveries.splice(0));
  };

  const server = createServer({ key: certificates.key, cert: certificates.cert });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://${options.hostname}:${port}${contextPath}`;

  function resolveCaller(authorization: string | undefined): JiraCaller | 'refused' {
    if (!authorization) return { kind: 'anonymous', credentialFailed: false };
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const grant = bearer ? pats.get(bearer) : undefined;
    if (behaviour.anonymousWithSeraph) return { kind: 'anonymous', credentialFailed: true };
    if (grant && !grant.revoked && !behaviour.refuseTokens) {
      const permissions = { ...grant.permissions };
      for (const [key, allowed] of Object.entries(behaviour.permissions)) if (allowed === false) permissions[key as JiraPermissionKey] = false;
      return { kind: 'user', name: grant.user, permissions };
    }
    // A bad Bearer PAT is refused outright (401 even on /serverInfo and /field: pycontribs/jira#1627);
    // bad Basic credentials fall through to anonymous, as Seraph does.
    return bearer ? 'refused' : { kind: 'anonymous', credentialFailed: true };
  }

  function identityHeaders(caller: JiraCaller | 'refused'): Record<string, string> {
    if (caller !== 'refused' && caller.kind === 'user') return { 'X-AUSERNAME': caller.name, 'X-Seraph-LoginReason': 'OK' };
    const failed = caller === 'refused' || caller.credentialFailed;
    return { 'X-AUSERNAME': 'anonymous', ...(failed ? { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' } : {}) };
  }

  const unauthorized = (caller: JiraCaller | 'refused'): FakeAnswer => ({
    status: 401,
    body: UNAUTHENTICATED_BODY,
    headers: { ...identityHeaders(caller), 'WWW-Authenticate': `OAuth realm="${encodeURIComponent(baseUrl)}"` },
  });

  function answer(method: string, url: URL, authorization: string | undefined, bodyText: string): FakeAnswer {
    const path = url.pathname;
    const inContext = contextPath === '' || path.startsWith(`${contextPath}/`);
    const local = inContext ? path.slice(contextPath.length) : path;
    const resource = REST_PREFIX.exec(local)?.[1];
    const imposed = answerImposedByBehaviour(behaviour, { resource, hasCredentials: authorization !== undefined, baseUrl });
    if (imposed) return imposed;
    const caller = resolveCaller(authorization);
    if (caller === 'refused') return unauthorized(caller);
    if (!inContext || resource === undefined) {
      return {
        status: 404,
        headers: { ...identityHeaders(caller), 'Content-Type': 'text/html;charset=UTF-8' },
        body: html('Oops, you&#39;ve found a dead link.'),
      };
    }
    const matching = JIRA_DC_ROUTES.map((route) => ({ route, match: route.pattern.exec(resource) })).filter(({ match }) => match);
    const found = matching.find(({ route }) => route.method === method);
    if (!found?.match) {
      const status = matching.length > 0 ? 405 : 404;
      return { status, headers: identityHeaders(caller), body: { message: `null for uri: ${baseUrl}/rest/api/2/${resource}`, 'status-code': status } };
    }
    const seraphMyself = behaviour.anonymousWithSeraph === 'also-myself' && resource === 'myself' && caller.kind === 'anonymous' && caller.credentialFailed;
    if (found.route.access === 'user' && caller.kind === 'anonymous' && !seraphMyself) return unauthorized(caller);
    const context: RouteContext = {
      store,
      base: baseUrl,
      now,
      serverInfo: {
        reportedBaseUrl: behaviour.reportedBaseUrl ?? baseUrl,
        version: behaviour.version,
        deploymentType: behaviour.deploymentType,
        serverTitle: options.serverTitle ?? 'Acme Jira',
      },
    };
    const handled = found.route.handle({ method, query: url.searchParams, bodyText, caller }, found.match, context);
    return { ...handled, headers: { ...identityHeaders(caller), ...handled.headers } };
  }

  function send(response: ServerResponse, result: FakeAnswer): void {
    if (response.destroyed || response.writableEnded) return;
    requestCounter += 1;
    const json = result.body !== undefined && typeof result.body !== 'string';
    const headers: Record<string, string> = {
      'X-AREQUESTID': `${(requestCounter % 1440) + 1}x${1000 + requestCounter}x1`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache, no-store, no-transform',
      ...(json ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
      ...result.headers,
    };
    response.writeHead(result.status, headers);
    response.end(result.body === undefined ? undefined : json ? JSON.stringify(result.body) : String(result.body));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    // A client that hangs up mid-body is not the fake's failure; without a listener it would crash the run.
    request.on('error', () => undefined);
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'https://fake.invalid');
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
      );
      requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: bodyText,
        time: Date.now(),
        hasToken: headers.authorization !== undefined,
      });
      const respond = () => {
        try {
          send(response, answer(request.method ?? 'GET', url, headers.authorization, bodyText));
        } catch (error) {
          send(response, { status: 500, body: { errorMessages: [`Internal server error: ${String(error)}`], errors: {} } });
        }
      };
      if (behaviour.delayMs <= 0) return respond();
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        respond();
      }, behaviour.delayMs);
      pendingDelays.add(timer);
    });
  });

  return {
    port,
    baseUrl,
    ca: certificates.ca,
    requests,
    requestsWithToken: () => requests.filter(({ hasToken }) => hasToken),
    issuePat: ({ user = 'webriskops-bot', permissions = {} } = {}) => {
      const pat = newPatString();
      pats.set(pat, { user, permissions: permissionSet(permissions), revoked: false });
      return pat;
    },
    revokePat: (pat) => {
      const grant = pats.get(pat);
      if (!grant) throw new Error('revokePat: that PAT was never issued by this fake');
      grant.revoked = true;
    },
    behave: (next) => {
      behaviour = { ...behaviour, ...next };
    },
    get behaviour() {
      return behaviour;
    },
    reset: () => {
      behaviour = defaultBehaviour();
      requests.length = 0;
      webhooks.length = 0;
      store.clear();
    },
    issues: store.issues,
    projects: store.projects,
    removePriority: (projectKey, issueTypeId, priorityId) => store.removePriority(projectKey, issueTypeId, priorityId),
    requireField: (projectKey, issueTypeId, fieldId, field) => store.requireField(projectKey, issueTypeId, fieldId, field),
    archiveProject: (projectKey) => store.archiveProject(projectKey),
    useWorkflow: (mode) => {
      store.workflow = mode;
    },
    transitionIssue: async (key, to) => {
      moveIssue({ store, now }, issueNamed(key), FAKE_STATUSES[to], null, null);
      await settled();
    },
    deleteIssue: async (key) => {
      const issue = issueNamed(key);
      store.issues.splice(store.issues.indexOf(issue), 1);
      issue.updated = now();
      store.issueChanged(issue, 'jira:issue_deleted');
      await settled();
    },
    registerWebhook: (webhook) => {
      webhooks.push(webhook);
    },
    webhooksSettled: settled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pendingDelays) clearTimeout(timer);
        pendingDelays.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
