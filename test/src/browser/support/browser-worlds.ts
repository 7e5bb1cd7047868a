import type { Companion } from '../../support/companion-harness';
import { startDataCenterWorld, startWorldCompanion, type DataCenterWorld } from '../../support/data-center-world';
import { prepareFirstRunForTest } from '../../support/first-run';
import { launchChromium, type TestBrowser } from './chromium';
import { serveCompanion } from './served-companion';
import { watchBrowser, type BrowserWatch } from './page-watch';

/** The egress addresses the pages must show (documentation ranges). */
export const EGRESS_IPS = ['203.0.113.10', '2001:db8::10'];

/**
 * The Data Center world for the browser: the fake Jira at jira.acme.test/jira, and a second one
 * (jira-down.acme.test, as `otherJira`) a test can switch off to lose the network path.
 */
export function startBrowserDataCenterWorld(): Promise<DataCenterWorld> {
  return startDataCenterWorld({ otherHostname: 'jira-down.acme.test' });
}

/** A companion served over HTTP on loopback, a chromium watching every request, and the first-admin setup token. */
export interface BrowserRig {
  companion: Companion;
  admin: string;
  origin: string;
  setupToken: string;
  browser: TestBrowser;
  watch: BrowserWatch;
  close(): Promise<void>;
}

export async function startBrowserRig(
  start: () => Promise<{ companion: Companion; admin: string }>,
  viewport?: { width: number; height: number },
): Promise<BrowserRig> {
  const { companion, admin } = await start();
  const setup = await prepareFirstRunForTest(companion);
  if (!setup) throw new Error('the workspace already has an admin');
  const served = await serveCompanion(companion);
  const browser = await launchChromium(viewport ? { viewport } : {});
  const watch = watchBrowser(browser.context);
  return {
    companion,
    admin,
    origin: served.origin,
    setupToken: setup.token,
    browser,
    watch,
    async close() {
      await browser.close();
      await served.close();
      companion.stop();
    },
  };
}

/** The Data Center rig: the world's companion with egress addresses published. */
export const dataCenterRig = (world: DataCenterWorld) => startBrowserRig(() => startWorldCompanion(world, { EGRESS_IPS: EGRESS_IPS.join(',') }));
