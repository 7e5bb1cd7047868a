// Run by `prepare` after every `npm install`/`npm ci`: when better-sqlite3 was compiled from source
// (no prebuilt binary could be fetched), node-gyp leaves about 19 MB of intermediates beside the
// addon: a copy of the SQLite amalgamation, object files, a static library, a test extension. Only
// build/Release/better_sqlite3.node is loaded; deps/ and binding.gyp stay, so `npm rebuild` still works.
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromServer = createRequire(join(root, 'server', 'package.json'));
const release = join(dirname(requireFromServer.resolve('better-sqlite3/package.json')), 'build', 'Release');
const INTERMEDIATES = ['obj', 'obj.target', '.deps', 'sqlite3.a', 'test_extension.node'];

if (existsSync(join(release, 'better_sqlite3.node'))) {
  for (const name of INTERMEDIATES) rmSync(join(release, name), { recursive: true, force: true });
  // The addon still loads and opens a database: what `npm start` needs of it.
  const Database = requireFromServer('better-sqlite3');
  new Database(':memory:').close();
}
