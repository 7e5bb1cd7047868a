import type { Companion } from './companion-harness';
import { adminPageCall, type CloudWorld } from './cloud-world';
import { targetName } from './target-names';

/** A finding as a scanner reports it; override what a test needs. */
export function finding(fingerprint: string, overrides: Record<string, unknown> = {}) {
  return {
    fingerprint,
    title: `Reflected XSS on /search (${fingerprint})`,
    description: 'The q parameter is echoed without encoding.',
    severity: 'high',
    url: 'https://app.acme.test/search?q=%3Cscript%3E',
    evidence: 'GET /search?q=<script>alert(1)</script>\nHTTP/1.1 200 OK',
    ...overrides,
  };
}

/** POST /targets/{id}/issues with an export token. */
export function exportIssue(companion: Pick<Companion, 'request'>, token: string, targetId: string, body: unknown, headers: Record<string, string> = {}) {
  return companion.request('POST', `/api/v1/targets/${targetId}/issues`, { token, body, headers });
}

/** A Jira Cloud target paired through the Forge app on the fake cloud's default site: ready. */
export async function connectReadyForgeTarget(world: CloudWorld, companion: Companion, admin: string) {
  const created = await companion.request('POST', '/api/v1/targets', {
    token: admin,
    body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
  const call = adminPageCall(world, installationId, world.cloud.defaults.admin.accountId);
  const paired = await companion.request('POST', '/forge/v1/pair', { headers: call.headers, body: { code: created.json.pairing.code } });
  if (paired.status !== 200) throw new Error(`pairing failed: ${paired.text}`);
  return { id: created.json.id as string, installationId };
}

/** Rows of an RFC 4180 CSV text (quoted cells, doubled quotes, CRLF records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A custom field of Jira's own types (`textarea`, `textfield`, `userpicker`…) as create metadata lists it. */
export function customField(customId: number, name: string, type: string, schemaType = 'string') {
  return {
    fieldId: `customfield_${customId}`,
    name,
    required: false,
    schema: { type: schemaType, custom: `com.atlassian.jira.plugin.system.customfieldtypes:${type}`, customId },
    operations: ['set'],
  };
}
