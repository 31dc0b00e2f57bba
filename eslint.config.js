// Lint rules that keep each runtime part inside its boundary (DESIGN.md "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'worker_threads', 'crypto'];
const native = ['better-sqlite3', 'node-hid', 'serialport', '@serialport/*'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'demo-data/**', 'tests/.artifacts/**', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([...nodeBuiltins, ...native, 'electron', '**/src-main/*/**', '!**/src-main/contract/**', '!**/src-main/devices/wedge*'],
      'The renderer talks to the core over HTTP and to the station through the StationBridge; import only src-main/contract.'),
  },
  {
    files: ['src-main/contract/**'],
    rules: restrict([...nodeBuiltins, ...native, 'electron', '../*/**', '!./**'], 'The contract is platform-neutral: zod schemas and types only.'),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/app/**', 'src-main/core/**', 'src-main/devices/**', 'src-main/contract/**'],
    rules: restrict(['electron', ...native], 'Only src-main/app imports electron; native modules live under core/ and devices/.'),
  },
  {
    files: ['src-main/core/**'],
    rules: restrict(['electron', 'node-hid', 'serialport', '@serialport/*'], 'The core is plain Node: no electron, no device modules.'),
  },
  {
    files: ['src-main/devices/**'],
    rules: restrict(['electron', 'better-sqlite3'], 'Devices never import electron or the database.'),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/**/cli/**', 'src-main/**/*.cli.ts'],
    rules: { 'no-console': 'error' },
  },
);
