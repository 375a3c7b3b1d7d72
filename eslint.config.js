// Lint rules, zero warnings allowed. Layer boundaries are enforced here (STYLE.md §A):
// core and ingest stay pure; the UI talks to the worker only through src/client.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PURE_LAYER_BANNED_PACKAGES = [
  { name: 'react', message: 'core/ingest are DOM-free.' },
  { name: 'react-dom', message: 'core/ingest are DOM-free.' },
  { name: 'comlink', message: 'core/ingest know nothing of workers.' },
  { name: 'recharts', message: 'core/ingest are DOM-free.' },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'node_modules', 'test-results', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/core', './src/ingest'],
              from: ['./src/ui', './src/client', './src/pwa', './src/embed', './src/cli', './workers'],
              message: 'core and ingest are pure: they must not import UI, client, CLI or worker code.',
            },
            {
              target: './src/core',
              from: './src/ingest',
              message: 'core does not depend on ingest (ingest produces core tables).',
            },
            {
              target: ['./src/ui', './src/pwa', './src/embed'],
              from: './workers',
              except: ['./api.ts'],
              message: 'The UI reaches the worker only through src/client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/ingest/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: PURE_LAYER_BANNED_PACKAGES,
          patterns: [
            { group: ['@tensorflow/tfjs-backend-*'], message: 'core never picks a TF.js backend.' },
            { group: ['node:*'], message: 'core/ingest run in browsers too: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'comlink', message: 'The UI talks to src/client, never to comlink.' }],
          patterns: [{ group: ['**/workers/*', '!**/workers/api.ts'], message: 'Use src/client.' }],
        },
      ],
    },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/cli/**', 'tests/**', '*.config.{js,ts}', 'vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
