// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NETWORK_MODULES = [
  'undici',
  'node:http',
  'http',
  'node:https',
  'https',
  'node:net',
  'net',
  'node:tls',
  'tls',
  'node:dgram',
  'dgram',
  'node:dns',
  'dns',
  'node:http2',
  'http2',
];
const RUNTIME_MODULES = ['hono', 'hono/*', '@hono/*', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', '@forge/*', 'undici', 'node:*'];
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'buffer', 'events', 'process', ...NETWORK_MODULES];

/**
 * Layers of the server (docs/ARCHITECTURE.md). ESLint keeps only the last `no-restricted-imports` that matches a file,
 * so each layer's entry repeats the restrictions of the layers around it through `serverImports`.
 */
const NETWORK_IMPORTS = {
  paths: NETWORK_MODULES.map((name) => ({ name, message: 'Only server/src/net/ may open connections (safe fetch, resolver).' })),
  patterns: [{ group: ['undici/*'], message: 'Only server/src/net/ may use undici.' }],
};
const DRIZZLE_IMPORT = { regex: '^drizzle-orm(/.*)?$', message: 'drizzle-orm only in server/src/db/ (repositories) and server/src/entry/; call a repository.' };
const DB_IMPORT = { regex: '(^|/)db(/|$)', message: 'Routes never import db/: call a command (or a presenter) that does.' };
const COMMANDS_IMPORT = {
  regex: '(^|/)(commands|providers)(/|$)',
  message: 'net/, jira/, db/ and forge/ sit below commands: they never import commands/ or providers/.',
};
const VIEWS_IMPORT = { regex: '^\\.\\./(?!presenters/)', message: 'Views import only presenters/, shared and other views.' };
const TESTS = ['server/src/**/*.test.ts', 'server/src/**/*.test.tsx'];
const ROUTES = ['server/src/routes/**/*.ts', 'server/src/routes/**/*.tsx', 'server/src/providers/*/routes/**/*.ts', 'server/src/providers/*/routes/**/*.tsx'];

/** The import rule of one layer: the egress rule everywhere outside net/, plus the layer's own restrictions. */
function serverImports({ network = true, more = [] } = {}) {
  return ['error', { paths: network ? NETWORK_IMPORTS.paths : [], patterns: [...(network ? NETWORK_IMPORTS.patterns : []), ...more] }];
}

const noFetchCall = {
  selector: "CallExpression[callee.name='fetch'], CallExpression[callee.property.name='fetch'][callee.object.name=/^(globalThis|window|self)$/]",
  message: 'Outbound HTTP goes through server/src/net/ only (safe fetch with URL, address and pinning checks).',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'forge-app/**', 'server/drizzle/**', 'server/dist/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is domain only: no runtime imports.' })),
          patterns: [{ group: RUNTIME_MODULES, message: 'shared/ is domain only: no node:*, hono, drizzle, undici or @forge/* imports.' }],
        },
      ],
      'no-restricted-syntax': ['error', noFetchCall],
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ knows no runtime.' }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'server/src/**/*.tsx'],
    ignores: ['server/src/net/**'],
    rules: {
      'no-restricted-imports': serverImports(),
      'no-restricted-syntax': ['error', noFetchCall],
    },
  },
  {
    files: ['server/src/**/*.ts', 'server/src/**/*.tsx'],
    ignores: ['server/src/net/**', 'server/src/db/**', 'server/src/entry/**', ...TESTS],
    rules: { 'no-restricted-imports': serverImports({ more: [DRIZZLE_IMPORT] }) },
  },
  {
    files: ROUTES,
    ignores: [...TESTS],
    rules: { 'no-restricted-imports': serverImports({ more: [DRIZZLE_IMPORT, DB_IMPORT] }) },
  },
  {
    files: ['server/src/jira/**', 'server/src/forge/**'],
    ignores: [...TESTS],
    rules: { 'no-restricted-imports': serverImports({ more: [DRIZZLE_IMPORT, COMMANDS_IMPORT] }) },
  },
  {
    files: ['server/src/db/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': serverImports({ more: [COMMANDS_IMPORT] }) },
  },
  {
    files: ['server/src/net/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': serverImports({ network: false, more: [DRIZZLE_IMPORT, COMMANDS_IMPORT] }) },
  },
  {
    files: ['server/src/views/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': serverImports({ more: [DRIZZLE_IMPORT, VIEWS_IMPORT] }) },
  },
  {
    files: ['server/src/**/*.ts', 'server/src/**/*.tsx'],
    ignores: ['server/src/entry/**', 'server/src/**/*.test.ts', 'server/src/**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'process.env is read only in server/src/entry/; pass values through deps.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tools/*.mjs', 'server/bench/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'server/bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
