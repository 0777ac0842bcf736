/**
 * The vitest config of a mutation run (scripts/mutate.mjs): the project's own config, with `include` narrowed to
 * the test files of the module under mutation (MUTATE_TEST_FILES, comma-separated globs). The narrowing lives
 * here, not in Stryker's `testFiles`: with `testFiles`, Stryker 9.6 activates a mutant of module-level code
 * (a table, a Set of codes) only after the module has loaded, so every such mutant "survives".
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

const include = (process.env.MUTATE_TEST_FILES ?? '').split(',').filter((glob) => glob !== '');
if (include.length === 0) throw new Error('MUTATE_TEST_FILES is not set: run this through npm run mutate');

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { ...base.test, include },
});
