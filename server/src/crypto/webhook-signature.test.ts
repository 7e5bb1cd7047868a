import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { utf8 } from './encoding';
import { verifyHubSignature } from './webhook-signature';

const body = utf8('{"webhookEvent":"jira:issue_updated"}');
const sign = (secret: string, text: string) => `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;

describe('verifyHubSignature', () => {
  it('accepts the HMAC-SHA256 of the raw body under the secret, in either hex case', async () => {
    const header = sign('s3cret', '{"webhookEvent":"jira:issue_updated"}');
    expect(await verifyHubSignature('s3cret', body, header)).toBe(true);
    expect(await verifyHubSignature('s3cret', body, header.replace('sha256=', 'sha256=').toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it.each([
    ['another secret', sign('other', '{"webhookEvent":"jira:issue_updated"}')],
    ['another body', sign('s3cret', '{"webhookEvent":"jira:issue_deleted"}')],
    ['sha1', 'sha1=0000000000000000000000000000000000000000'],
    ['a truncated digest', sign('s3cret', '{"webhookEvent":"jira:issue_updated"}').slice(0, 40)],
    ['no prefix', sign('s3cret', '{"webhookEvent":"jira:issue_updated"}').slice('sha256='.length)],
    ['empty', ''],
  ])('refuses %s', async (_name, header) => {
    expect(await verifyHubSignature('s3cret', body, header)).toBe(false);
  });
});
