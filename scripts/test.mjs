#!/usr/bin/env node
/**
 * The one test command (`npm test`): lint, type-check, build, security gate, then every test.
 * Prints a closing line "Tests: N passed, N failed, N skipped" and exits non-zero on any failure.
 * Extra arguments go to vitest (e.g. `npm test -- test/nomad-client`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const extra = process.argv.slice(2);
const steps = [
  ['lint', bin('eslint'), ['.']],
  ['format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['type-check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  [
    'type-check (svelte-check)',
    bin('svelte-check'),
    ['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
  ],
  ['build', bin('electron-vite'), ['build']],
];
if (existsSync('scripts/security-gate.mjs'))
  steps.push(['security gate (Electronegativity)', 'node', ['scripts/security-gate.mjs']]);

/** Says up front which optional tools are missing, so a skipped test is never a surprise. */
function preflight() {
  const onPath = (name) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${name}`));
  const chromium =
    process.env.CHROMIUM_PATH ??
    ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'].find(
      (p) => existsSync(p),
    );
  const notes = [];
  if (!chromium)
    notes.push(
      'no system Chromium: browser end-to-end, screenshot tests skip (apt-get install chromium, or npx playwright install chromium, or set CHROMIUM_PATH)',
    );
  if (chromium && !existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'))
    notes.push('no DejaVu Sans font: the visual regression test skips (apt-get install fonts-dejavu-core)');
  const notifyTools = ['dunst', 'notify-send', 'xvfb-run', 'dbus-run-session', 'dbus-monitor'].filter(
    (t) => !onPath(t),
  );
  if (notifyTools.length)
    notes.push(
      `missing ${notifyTools.join(', ')}: the real-notification test skips (apt-get install dunst libnotify-bin dbus-x11 dbus-daemon dbus-bin xvfb xauth)`,
    );
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && !existsSync('node_modules/electron/path.txt'))
    notes.push(
      'no Electron runtime: the Playwright _electron test skips (set ELECTRON_OVERRIDE_DIST_PATH to run it)',
    );
  console.log(
    notes.length
      ? `Optional test tools:\n${notes.map((n) => `  - ${n}`).join('\n')}`
      : 'All optional test tools found.',
  );
}
preflight();

const started = Date.now();
for (const [name, cmd, args] of extra.length ? [] : steps) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${name} failed (exit ${r.status ?? r.signal})`);
    console.log('Tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

console.log('\n▶ tests (vitest)');
const report = '.vitest-report.json';
rmSync(report, { force: true });
const r = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  {
    stdio: 'inherit',
  },
);
let passed = 0,
  failed = 0,
  skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A file that fails to load has no failed tests of its own: count it then, so the line never says 0 failed.
  failed = json.numFailedTests || json.numFailedTestSuites || 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
const total = passed + failed;
console.log(`\nFinished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (r.status !== 0 || failed > 0 || total === 0) process.exit(r.status || 1);
