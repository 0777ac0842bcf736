#!/usr/bin/env node
/**
 * `npm run mutate`: Stryker mutation testing of the decision modules, one module at a time, incremental. Not part
 * of `npm test` (it takes minutes per module). Each module runs only its own test files, so a mutant is judged
 * by the tests meant to catch it, and ends with a score table; the run fails when a module is under 90%.
 *
 *   npm run mutate                                        every module, in the table's order
 *   npm run mutate -- nomad-errors diff                   the named modules
 *   npm run mutate -- --mutate main/core/nomad/errors.ts  the module that owns this file
 *   npm run mutate -- --force nomad-errors                ignore the incremental file (re-run every mutant)
 *
 * Incremental results live in reports/mutation/<module>.incremental.json (ignored by git: about 0.5 MB a module,
 * rewritten on every run); the next run re-tests only mutants whose code or covering tests changed. HTML reports
 * go beside them. Surviving mutants judged equivalent are listed, with a reason and each module's score, in
 * test/mutation/equivalent-mutants.md.
 */
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';

/** The decision modules: the files Stryker mutates and the tests that must catch their mutants. */
const MODULES = [
  {
    name: 'nomad-errors',
    mutate: ['main/core/nomad/errors.ts', 'main/core/nomad/error-kinds.ts'],
    testFiles: ['test/nomad-client/error-table.test.ts'],
  },
  {
    name: 'atomic-write',
    mutate: ['main/core/settings/atomic-write.ts'],
    testFiles: ['test/settings/atomic-write.test.ts'],
  },
  {
    name: 'state',
    mutate: ['main/core/monitor/state.ts', 'common/state-table.ts'],
    testFiles: [
      'test/monitor/state.test.ts',
      'test/common/state-table-rows.test.ts',
      'test/common/state-rank.test.ts',
    ],
  },
  {
    name: 'diff',
    mutate: ['main/core/monitor/diff.ts'],
    testFiles: ['test/monitor/diff.test.ts'],
  },
  {
    name: 'browser-guard',
    mutate: ['main/browser/guard.ts'],
    testFiles: ['test/browser/guard-and-args.test.ts'],
  },
  {
    name: 'alert-policy',
    mutate: ['main/core/alerts/policy.ts', 'main/core/alerts/network.ts'],
    testFiles: ['test/alerts/*.test.ts'],
  },
  {
    name: 'detector',
    mutate: ['main/core/monitor/detector.ts', 'main/core/monitor/detect-keys.ts'],
    testFiles: ['test/monitor/*.test.ts', 'test/alerts/with-detector.test.ts'],
  },
];

const THRESHOLD = 90;
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function usage(message) {
  console.error(`${message}\nmodules: ${MODULES.map((m) => m.name).join(', ')}`);
  process.exit(64);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { mutate: { type: 'string', multiple: true }, force: { type: 'boolean', default: false } },
});
const wanted = [...positionals, ...(values.mutate ?? [])];
const selected =
  wanted.length === 0
    ? MODULES
    : wanted.map((w) => {
        const m = MODULES.find((x) => x.name === w || x.mutate.includes(w.replace(/^\.\//, '')));
        return m ?? usage(`unknown module or file: ${w}`);
      });

const scores = [];
for (const m of new Set(selected)) {
  console.log(`\n== mutate ${m.name}: ${m.mutate.join(', ')}`);
  // Read by test/mutation/vitest.config.ts in every Stryker worker (they inherit the environment).
  process.env.MUTATE_TEST_FILES = m.testFiles.join(',');
  const results = await new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    coverageAnalysis: 'perTest',
    // The machine is shared: one worker. Raise it locally with STRYKER_CONCURRENCY if you own the cores.
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
    mutate: m.mutate,
    vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
    incremental: true,
    incrementalFile: `reports/mutation/${m.name}.incremental.json`,
    force: values.force,
    ignorePatterns: [
      'out',
      'dist',
      'release',
      'coverage',
      'test-results',
      'playwright-report',
      'bench/results.json',
    ],
    reporters: ['clear-text', 'progress', 'html'],
    htmlReporter: { fileName: `reports/mutation/${m.name}.html` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    thresholds: { high: THRESHOLD, low: 80, break: null },
    timeoutMS: 10_000,
    cleanTempDir: 'always',
  }).runMutationTest();
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const undetected = results.filter((r) => UNDETECTED.has(r.status)).length;
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  scores.push({ module: m.name, score: Number(score.toFixed(1)), killed: detected, survived: undetected });
}

console.log(
  '\nMutation score per decision module (killed + timeout) / (killed + timeout + survived + no coverage):',
);
console.table(scores);
const low = scores.filter((s) => s.score < THRESHOLD);
if (low.length > 0) {
  console.error(`under ${THRESHOLD}%: ${low.map((s) => `${s.module} ${s.score}%`).join(', ')}`);
  process.exit(1);
}
