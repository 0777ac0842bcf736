/**
 * `npm run bench`: measures the performance claims side by side in one run, prints a table (figure, goal,
 * PASS/MISS) and writes bench/results.json. Not part of the test suite. For exact heap figures run it as
 * `node --expose-gc --import tsx bench/run.ts` (without the flag, GC is enabled at run time).
 * BENCH_SKIP=renderer,isolation skips parts; BENCH_NO_BUILD=1 reuses an existing out/renderer.
 */
import { writeFile } from 'node:fs/promises';
import { isolation } from './isolation.js';
import { memory } from './memory.js';
import { nodesBench } from './nodes.js';
import { pollOverhead } from './poll-overhead.js';
import { rendererBench } from './renderer.js';
import { scale } from './scale.js';
import { machine, table } from './util.js';
import type { Figure } from './util.js';

const skip = new Set((process.env['BENCH_SKIP'] ?? '').split(',').filter((s) => s !== ''));
const figures: Figure[] = [];
const raw: Record<string, unknown> = {};
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

if (!skip.has('scale')) {
  log('bench: scale of the pure part…');
  const points = scale();
  raw['scale'] = points;
  for (const p of points) {
    figures.push({
      name: `pure pipeline, ${p.members} members`,
      value: p.msPerPoll,
      unit: 'ms/poll',
      goal: p.members === 10_000 ? '< 5 ms' : '—',
      pass: p.members !== 10_000 || p.msPerPoll < 5,
    });
  }
  const [a, b, c] = points;
  if (a && b && c) {
    const growth = c.msPerPoll / b.msPerPoll;
    figures.push({
      name: 'pure pipeline growth 1k → 10k',
      value: growth,
      unit: '×',
      goal: '≈ 10× (linear, ≤ 12×)',
      pass: growth <= 12,
      note: `100 → 1k: ${(b.msPerPoll / a.msPerPoll).toFixed(1)}×`,
    });
  }
}

if (!skip.has('overhead')) {
  log('bench: poll overhead (50 agents)…');
  const o = await pollOverhead(50, 40);
  raw['pollOverhead'] = o;
  // Like for like: both sides ask for gzip (ours does, as the Nomad CLI does; the in-process simulator then
  // compresses for both). The bare peer without gzip does less work on both ends; that ratio is in the note.
  figures.push({
    name: 'poll round, 50 agents: ours vs bare undici (both gzip)',
    value: o.ratioVsGzip,
    unit: '×',
    goal: '≤ 1.2×',
    pass: o.ratioVsGzip <= 1.2,
    note: `ours ${o.oursMs.toFixed(1)} ms (client ${o.clientOnlyMs.toFixed(1)}, detector+policy ${o.pipelineOnlyMs.toFixed(1)}), bare+gzip ${o.bareGzipMs.toFixed(1)} ms; bare without gzip ${o.bareMs.toFixed(1)} ms (${o.ratio.toFixed(2)}×)`,
  });
}

if (!skip.has('isolation')) {
  log('bench: isolation (50 agents, 10 black-holed)…');
  const r = await isolation(50, 10, 200, 4_000);
  raw['isolation'] = r;
  figures.push({
    name: 'healthy poll period with 10/50 black-holed',
    value: r.ratio,
    unit: '×',
    goal: '≤ 1.05×',
    pass: r.ratio <= 1.05,
    note: `${r.healthyPeriodMs.toFixed(0)} ms → ${r.faultyPeriodMs.toFixed(0)} ms at a ${r.intervalMs} ms interval`,
  });
  figures.push({
    name: 'overlapping polls of one poller',
    value: r.overlaps,
    unit: '',
    goal: '0',
    pass: r.overlaps === 0,
  });
}

if (!skip.has('memory')) {
  log('bench: memory (10,000 poll cycles)…');
  const m = await memory(20, 10_000);
  raw['memory'] = m;
  figures.push({
    name: 'heap growth, 100 → 10,000 poll cycles',
    value: m.growthBytes / 1e6,
    unit: 'MB',
    goal: '≤ 2 MB',
    pass: m.growthBytes <= 2e6,
    note: `${(m.heapAt100 / 1e6).toFixed(1)} → ${(m.heapAtEnd / 1e6).toFixed(1)} MB after GC`,
  });
  figures.push({
    name: 'open sockets (20 agents), at 1,000 → 10,000 cycles',
    value: m.socketsAtEnd,
    unit: '',
    goal: `stable (≤ ${m.socketsAtWarm})`,
    pass: m.socketsAtEnd <= m.socketsAtWarm,
    note: `${m.socketsAt100} at 100 cycles, before the first /v1/agent/self refresh round (see bench/memory.ts)`,
  });
}

if (!skip.has('renderer')) {
  log('bench: renderer in Chromium (5,000 members)…');
  const r = await rendererBench(5_000, process.env['BENCH_NO_BUILD'] !== '1').catch((e: unknown) => {
    log(`bench: renderer failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  raw['renderer'] = r;
  if (r) {
    figures.push({
      name: 'members table first render, 5,000 rows',
      value: r.firstRenderMs,
      unit: 'ms',
      goal: '≤ 150 ms',
      pass: r.firstRenderMs <= 150,
      note:
        `since navigation start, the first screen main renders; the harness's floor (a blank page's one row) ` +
        `${r.floorMs.toFixed(0)} ms; the app live (mounted over it) ${r.liveMs.toFixed(0)} ms, of which ` +
        `${r.windowMs.toFixed(0)} ms from its entry script`,
    });
    figures.push({
      name: 'filter keystroke → next frame, 5,000 rows',
      value: r.keystrokeMs,
      unit: 'ms',
      goal: '≤ 16 ms',
      pass: r.keystrokeMs <= 16,
      note: `median of ${r.keystrokes}, max ${r.keystrokeMaxMs.toFixed(1)} ms`,
    });
  } else {
    figures.push({
      name: 'renderer bench',
      value: 0,
      unit: '',
      goal: 'runs',
      pass: false,
      note: 'Chromium missing or the page failed',
    });
  }
}

if (!skip.has('nodes')) {
  log('bench: client nodes (blocking watcher vs 10 s polling, 5,000 nodes; detector for 10,000)…');
  const n = await nodesBench();
  raw['nodes'] = n;
  // The issue's goal is ≥ 20× at one change a minute; blocking queries cannot pass 6× there (bench/nodes.ts header:
  // every change costs the whole list). The quieter row is held to the ceiling its rate allows.
  for (const hour of n.hours) {
    const minutes = hour.changeEveryMs / 60_000;
    const oneMinute = minutes === 1;
    figures.push({
      name: `nodes, 5,000, 1 change/${oneMinute ? 'min' : `${minutes} min`}: bytes/hour polling 10 s ÷ blocking`,
      value: hour.bytesRatio,
      unit: '×',
      goal: oneMinute ? '≥ 20×' : `≥ 90 % of ceiling (${(0.9 * hour.ceiling).toFixed(0)}×)`,
      pass: oneMinute ? hour.bytesRatio >= 20 : hour.bytesRatio >= 0.9 * hour.ceiling,
      note: `ceiling ${hour.ceiling.toFixed(0)}× (whole list per change); blocking ${hour.blockingMiBPerHour.toFixed(1)} MiB/h in ${hour.blockingRequests} requests, polling ${hour.pollingMiBPerHour.toFixed(1)} MiB/h; one answer ${(n.answerBytes5k / 1024).toFixed(0)} KiB gzip'd`,
    });
  }
  figures.push({
    name: 'nodes: status change → watcher update (blocking)',
    value: n.timeToEventMs,
    unit: 'ms',
    goal: '≤ 1000 ms',
    pass: n.timeToEventMaxMs <= 1_000,
    note: `median; max ${n.timeToEventMaxMs.toFixed(0)} ms`,
  });
  figures.push({
    name: 'nodes: detector + policy per update, 10,000 nodes',
    value: n.detectorPolicyMs10k,
    unit: 'ms',
    goal: '< 5 ms',
    pass: n.detectorPolicyMs10k < 5,
  });
}

const host = machine();
console.log(`Nomad Tray bench — ${host.nproc} × ${host.model}, Node ${host.node}, ${host.platform}\n`);
console.log(table(figures));
await writeFile(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), machine: host, figures, raw }, null, 2)}\n`,
);
const missed = figures.filter((f) => !f.pass).length;
console.log(`\n${figures.length - missed}/${figures.length} goals met; results in bench/results.json`);
