import { describe, expect, it } from 'vitest';
import { classifyFetchError } from './fetch-failure';
import { ResponseTooLargeError } from './read-capped-body';

const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });

describe('classifyFetchError', () => {
  it.each([
    [wrapped('UND_ERR_CONNECT_TIMEOUT'), false, 'timeout'],
    [wrapped('UND_ERR_HEADERS_TIMEOUT'), false, 'timeout'],
    [new DOMException('t', 'TimeoutError'), false, 'timeout'],
    [new DOMException('a', 'AbortError'), true, 'timeout'],
    [new DOMException('a', 'AbortError'), false, 'aborted'],
    [wrapped('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), false, 'tls'],
    [wrapped('ERR_TLS_CERT_ALTNAME_INVALID'), false, 'tls'],
    [wrapped('DEPTH_ZERO_SELF_SIGNED_CERT'), false, 'tls'],
    [wrapped('ECONNREFUSED'), false, 'connect'],
    [wrapped('ENOTFOUND'), false, 'connect'],
    [new ResponseTooLargeError(10), false, 'too-large'],
    [new Error('weird'), false, 'protocol'],
  ])('%o -> %s', (error, timedOut, failure) => {
    expect(classifyFetchError(error, timedOut).failure).toBe(failure);
  });

  it('never echoes the error message (it may carry request details)', () => {
    const error = Object.assign(new TypeError('Authorization: Bearer secret'), { cause: { code: 'ECONNRESET' } });
    expect(classifyFetchError(error, false).message).not.toContain('secret');
  });
});
