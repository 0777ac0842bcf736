/**
 * `npm run soak`: the long soak (default 60 s, 50 agents, 50 ms interval, seeded random faults). Prints the report
 * and exits non-zero when a bound is missed. Override with SOAK_SECONDS, SOAK_AGENTS, SOAK_INTERVAL_MS, SOAK_SEED.
 */
import { checkSoak } from './bounds.js';
import { runSoak } from './run-soak.js';

const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const report = await runSoak({
  agents: num('SOAK_AGENTS', 50),
  intervalMs: num('SOAK_INTERVAL_MS', 50),
  durationMs: num('SOAK_SECONDS', 60) * 1_000,
  timeoutMs: 300,
  seed: num('SOAK_SEED', 42),
  faultEveryMs: 300,
  historyMaxBytes: 256 * 1024,
  log: (line) => console.log(line),
});
const problems = checkSoak(report, { minPolls: 10_000 });
console.log(JSON.stringify(report, null, 2));
console.log(problems.length === 0 ? 'soak: PASS' : `soak: FAIL\n- ${problems.join('\n- ')}`);
process.exitCode = problems.length === 0 ? 0 : 1;
