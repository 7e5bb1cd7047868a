// Bundles the admin page's UI Kit entry the way a browser build would, to prove it resolves and
// compiles, and that it takes nothing from the repository root's node_modules (the companion's
// install must stay free of @forge/@atlaskit, and this package must not lean on it either).
import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(appDir, 'src/frontend/index.tsx');

/** The shared contract lives outside this package; make its `zod` import resolve to our copy. */
const ownZod = {
  name: 'own-zod',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'own-zod') return undefined;
      const found = await pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: appDir, pluginData: 'own-zod' });
      return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
    });
  },
};

/** `@shared/x` is ../shared/src/x (the alias tsconfig `paths` and vitest.config.ts declare too). */
const sharedAlias = {
  name: 'shared-alias',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@shared\// }, (args) => ({ path: join(appDir, '../shared/src', `${args.path.slice('@shared/'.length)}.ts`) }));
  },
};

const result = await build({
  entryPoints: [entry],
  absWorkingDir: appDir,
  bundle: true,
  write: false,
  outdir: join(appDir, 'dist'),
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  minify: true,
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [sharedAlias, ownZod],
});

const inputs = Object.keys(result.metafile.inputs);
const outsiders = inputs.filter((input) => {
  const path = resolve(appDir, input);
  return path.includes('/node_modules/') && !path.startsWith(join(appDir, 'node_modules') + '/');
});
if (outsiders.length > 0) {
  console.error(`forge-app bundle: ${outsiders.length} modules came from outside forge-app/node_modules, e.g. ${outsiders.slice(0, 3).join(', ')}`);
  process.exit(1);
}
for (const needed of ['src/frontend/index.tsx', 'src/frontend/admin-page-model.ts', '../shared/src/forge-remote-contract.ts']) {
  if (!inputs.includes(needed)) {
    console.error(`forge-app bundle: ${needed} is missing from the bundle (inputs: ${inputs.filter((i) => !i.includes('node_modules')).join(', ')})`);
    process.exit(1);
  }
}
const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
console.log(
  `forge-app bundle: ${relative(appDir, entry)} -> ${(bytes / 1024).toFixed(0)} KiB from ${inputs.length} modules (${result.warnings.length} warnings)`,
);
