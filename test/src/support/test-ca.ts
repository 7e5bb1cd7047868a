import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway CA and one leaf certificate it signed, as PEM text. */
export interface TestCertificates {
  ca: string;
  key: string;
  cert: string;
}

/**
 * Generates a one-day test CA and a leaf for the given names and IPs with the machine's openssl,
 * in a temporary directory removed afterwards. Nothing here is trusted outside the test.
 */
export async function createTestCertificates(subject: { dnsNames: readonly string[]; ipAddresses?: readonly string[] }): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'webriskops-test-ca-'));
  const path = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=WebRiskOps throwaway test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', ['req', ...ec, '-keyout', path('leaf.key'), '-out', path('leaf.csr'), '-subj', '/CN=webriskops test leaf']);
    const alt = [...subject.dnsNames.map((name) => `DNS:${name}`), ...(subject.ipAddresses ?? []).map((ip) => `IP:${ip}`)].join(',');
    await writeFile(path('leaf.ext'), `subjectAltName=${alt}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      path('leaf.csr'),
      '-CA',
      path('ca.crt'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-out',
      path('leaf.crt'),
      '-days',
      '1',
      '-extfile',
      path('leaf.ext'),
    ]);
    const [ca, key, cert] = await Promise.all(['ca.crt', 'leaf.key', 'leaf.crt'].map((name) => readFile(path(name), 'utf8')));
    return { ca: ca ?? '', key: key ?? '', cert: cert ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
