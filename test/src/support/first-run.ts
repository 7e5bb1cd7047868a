import type { Companion } from './companion-harness';
import { prepareFirstRun } from '@webriskops/server/commands';

/** Runs the same first-start step as the Node entry: workspace `default` and a setup token. */
export async function prepareFirstRunForTest(companion: Companion) {
  return prepareFirstRun(companion.deps);
}
