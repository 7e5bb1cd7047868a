import { describe, expect, it } from 'vitest';
import { ownAddressKeys } from './address-policy';
import { selfSocketReason, type SelfSocket } from './self-sockets';

const own = ownAddressKeys(['192.168.1.20', 'fd00::20']);
const judge = (address: string, port: number, sockets: SelfSocket[]) => selfSocketReason(address, port, sockets, own);

describe('selfSocketReason: the companion never dials its own listening sockets', () => {
  it('a specific listening address blocks only that address at that port', () => {
    const sockets = [{ address: '127.0.0.1', port: 8787 }];
    expect(judge('127.0.0.1', 8787, sockets)).toMatch(/own listening socket \(127\.0\.0\.1:8787\)/);
    expect(judge('::ffff:127.0.0.1', 8787, sockets)).toMatch(/own listening socket/);
    expect(judge('127.0.0.1', 8788, sockets)).toBeNull();
    expect(judge('127.0.0.2', 8787, sockets)).toBeNull();
  });

  it.each(['0.0.0.0', '::', '[::]'])('listening on %s blocks every local address at that port', (listen) => {
    const sockets = [{ address: listen, port: 8443 }];
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '0.0.0.0', '::', '192.168.1.20', 'fd00::20', '::ffff:127.0.0.5']) {
      expect(judge(address, 8443, sockets), address).toMatch(/own listening socket/);
    }
    expect(judge('192.168.1.21', 8443, sockets)).toBeNull();
    expect(judge('127.0.0.1', 9443, sockets)).toBeNull();
  });

  it('localhost means the loopback ranges; an unknown name means every local address', () => {
    expect(judge('127.0.0.1', 8787, [{ address: 'localhost', port: 8787 }])).toMatch(/own/);
    expect(judge('::1', 8787, [{ address: 'localhost', port: 8787 }])).toMatch(/own/);
    expect(judge('192.168.1.20', 8787, [{ address: 'localhost', port: 8787 }])).toBeNull();
    expect(judge('192.168.1.20', 8787, [{ address: 'companion.internal', port: 8787 }])).toMatch(/own/);
  });

  it('no sockets, no refusal', () => {
    expect(judge('127.0.0.1', 8787, [])).toBeNull();
  });
});
