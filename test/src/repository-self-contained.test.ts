import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePathOutside, findPathsOutside, scannedFiles, scanRepository } from './support/paths-outside-repository';
import { REPO_ROOT } from './support/processes';

const root = REPO_ROOT.replace(/\/$/, '');
/** `../` n times: the samples below are built, so this file does not itself name a path outside. */
const up = (n: number) => '../'.repeat(n);

describe('the repository stands alone', () => {
  it('names no path outside itself in any source, config, script or document', () => {
    expect(scannedFiles(root).length).toBeGreaterThan(300);
    expect(scanRepository(root).map((found) => describePathOutside(root, found))).toEqual([]);
  });

  it('sees the forge-app imports of ../../../shared/src and finds them inside the repository', () => {
    const forgeFile = 'forge-app/src/frontend/admin-page-model.ts';
    const importLine = (levels: number) => `import { FORGE_REMOTE_ERROR_INFO } from '${up(levels)}shared/src/forge-remote-contract';`;
    expect(findPathsOutside(root, forgeFile, importLine(3))).toEqual([]);
    // One more level and the same import would leave the repository.
    expect(findPathsOutside(root, forgeFile, importLine(4))).toHaveLength(1);
  });

  it.each([
    ['test/src/fakes/jira-cloud-spec-check.ts', `const SPEC = new URL('${up(4)}shared/reference/specs/jira-cloud-platform-openapi.json', import.meta.url);`],
    ['test/src/support/ssrf-fixtures.ts', `readFileSync(new URL(\`${up(4)}shared/fixtures/ssrf/\${name}\`, import.meta.url), 'utf8')`],
    ['test/src/x.ts', `const above = new URL('${up(2)}..', import.meta.url);`],
    ['README.md', `The design is in [the architecture](${up(1)}shared/design/ARCHITECTURE.md).`],
    ['scripts/x.mjs', `const spec = '${['', 'work', 'shared', 'reference'].join('/')}/specs/x.json';`],
  ])('catches the kind of path that broke a lone clone: %s', (file, text) => {
    expect(findPathsOutside(root, file, text).length).toBeGreaterThan(0);
  });

  it('links the three guides from the README, and every relative link of the README and the guides leads to a file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const guide of ['docs/jira-admin.md', 'docs/operator.md', 'docs/privacy-and-security.md']) expect(readme).toContain(`](${guide})`);
    const broken = ['README.md', 'docs/jira-admin.md', 'docs/operator.md', 'docs/privacy-and-security.md', 'test/fixtures/atlassian-specs/README.md'].flatMap(
      (file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/\]\((?!https?:|mailto:|#)([^)\s#]+)/g)]
          .map((match) => match[1]!)
          .filter((link) => !existsSync(join(root, dirname(file), link)))
          .map((link) => `${file} -> ${link}`),
    );
    expect(broken).toEqual([]);
  });
});
