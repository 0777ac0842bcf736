import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import boundaries from './scripts/eslint-boundaries.mjs';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'main/core and common stay Electron-free: inject a port from the shell instead.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'main/core and common stay Electron-free.' }],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'release/',
      'dist/',
      'coverage/',
      'test-results/',
      'bench/results.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The pure core and the shared code never load Electron at runtime (type-only imports are erased).
    files: [
      'main/core/**/*.ts',
      'common/**/*.ts',
      'main/app/**/*.ts',
      'main/cli/**/*.ts',
      'main/browser/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...noElectron, paths: noElectron.paths.map((p) => ({ ...p, allowTypeImports: true })) },
      ],
    },
  },
  {
    // Layers, index-only imports between modules, undici only in core/nomad (scripts/eslint-boundaries.mjs).
    files: ['main/**/*.ts', 'common/**/*.ts'],
    plugins: { 'nomad-tray': boundaries },
    rules: { 'nomad-tray/boundaries': 'error' },
  },
  {
    // The renderer talks to main only through the bridge; it never imports main or Node code.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', 'node:*', 'electron'],
              message: 'renderer imports only common/ and its own files.',
            },
          ],
        },
      ],
    },
  },
);
