import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core's own bundle, read from the test workspace's node_modules: nothing is fetched.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a test; minor and moderate findings are not gated. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

/**
 * The serious and critical axe-core violations of the page as it is now (the script is evaluated
 * through the DevTools protocol, so the page's CSP does not stop it and the page loads nothing).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, html: node.html, failureSummary: node.failureSummary })),
    }));
  });
  return violations.filter((violation) => violation.impact !== null && FAILING_IMPACTS.has(violation.impact));
}

/** One line per offending element: impact, rule, what it asks, where, and axe's summary of the fix. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.impact}] ${violation.id}: ${violation.help} at ${node.target.join(' ')} ${node.html.slice(0, 160)} (${node.failureSummary.replace(/\s+/g, ' ')})`,
      ),
    )
    .join('\n');
}

/**
 * Fails with a readable list when axe-core finds any serious or critical violation on the page.
 * `state` names what the page shows (e.g. "sign-in, wrong password") so the failure says where.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `${state} (${new URL(page.url()).pathname}): ${violations.length} serious or critical accessibility violation(s):\n${describeViolations(violations)}`,
    );
  }
}
