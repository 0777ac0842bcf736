/** Small helpers shared by the bench parts: medians, timing, GC, machine facts and the result table. */
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One measured figure, its goal and whether it met it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal: string;
  pass: boolean;
  note?: string;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Milliseconds elapsed while `fn` runs. */
export async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs a full GC (works with or without --expose-gc: the flag is set at run time when missing). */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') {
    g();
    return;
  }
  setFlagsFromString('--expose-gc');
  const fn: unknown = runInNewContext('gc');
  if (typeof fn === 'function') fn();
}

/** Heap used after two full GCs (bytes). */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The machine the figures come from. */
export function machine(): { nproc: number; model: string; node: string; platform: string } {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]?.trim() ?? model;
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    nproc: cpus().length,
    model,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Fixed-width table of the figures with PASS/MISS. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${Number.isInteger(f.value) ? f.value : f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}`,
    f.goal,
    f.pass ? 'PASS' : 'MISS',
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'goal', 'result', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
