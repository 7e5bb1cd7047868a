import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

/** What the scan reads: sources, configs, scripts and documents; never dependencies or generated data. */
const SCANNED_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.toml', '.yml', '.yaml', '.md', '.sh', '']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.wrangler', 'data', 'test-results', 'screenshots']);
/** Atlassian's documents and the SSRF cases are data; their URLs and paths are not ours to follow. */
const SKIPPED_PATHS = ['test/fixtures/atlassian-specs', 'test/fixtures/ssrf'];

/** A path a file names, resolved against the file's own folder, that lands outside the repository. */
export interface PathOutside {
  file: string;
  line: number;
  written: string;
  resolved: string;
}

/** Quoted relative paths (`'../x'`, `"./y"`, a template's text before its first `${`) and Markdown link targets. */
const QUOTED_RELATIVE = /(['"`])(\.\.?(?:\/[^'"`\n]*)?)\1|`(\.\.?\/[^`$\n]*)\$\{/g;
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#|\/)([^)\s#]+)/g;
/** The development environment's absolute paths (built from parts, so this file does not name one): a clone elsewhere has none of them. */
const ENVIRONMENT_ROOT = ['', 'work', ''].join('/');
const ENVIRONMENT_PATH = new RegExp(`['"\`(\\s](${ENVIRONMENT_ROOT}[^'"\`)\\s]*)`, 'g');

/** Every relative path `text` (the content of `file`, repository-relative) names that resolves outside `root`, and every path of the development environment. */
export function findPathsOutside(root: string, file: string, text: string): PathOutside[] {
  const found: PathOutside[] = [];
  const folder = dirname(join(root, file));
  const inside = (path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  text.split('\n').forEach((content, index) => {
    const written = [...content.matchAll(QUOTED_RELATIVE)].map((match) => match[2] ?? match[3]!);
    if (extname(file) === '.md') written.push(...[...content.matchAll(MARKDOWN_LINK)].map((match) => match[1]!));
    for (const path of written) {
      const resolved = resolve(folder, path);
      if (!inside(resolved)) found.push({ file, line: index + 1, written: path, resolved });
    }
    for (const match of content.matchAll(ENVIRONMENT_PATH)) found.push({ file, line: index + 1, written: match[1]!, resolved: match[1]! });
  });
  return found;
}

/** The repository's own files the scan reads, repository-relative. */
export function scannedFiles(root: string, folder = ''): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) || SKIPPED_PATHS.includes(path) ? [] : scannedFiles(root, path);
    return entry.isFile() && entry.name !== '.git' && SCANNED_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

/** Every path outside the repository named by any of its scanned files. */
export function scanRepository(root: string): PathOutside[] {
  return scannedFiles(root).flatMap((file) => findPathsOutside(resolve(root), file, readFileSync(join(root, file), 'utf8')));
}

/** For messages: `file:line 'written' -> where it lands`. */
export const describePathOutside = (root: string, found: PathOutside) => `${found.file}:${found.line} '${found.written}' -> ${relative(root, found.resolved)}`;
