import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, readIcoFrames } from './png-decode.js';
import type { DecodedPng } from './png-decode.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ASSETS = path.join(ROOT, 'assets');
const STATES = ['healthy', 'degraded', 'critical', 'unreachable', 'paused'] as const;
const PNG_SIZES: Record<string, number> = { '': 22, '@2x': 44, Template: 16, 'Template@2x': 32 };

let fresh: string;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}
const read = (rel: string): DecodedPng => decodePng(readFileSync(path.join(ASSETS, rel)));
const alpha = (img: DecodedPng): number[] =>
  Array.from({ length: img.width * img.height }, (_, i) => img.pixels[i * 4 + 3] ?? 0);

beforeAll(() => {
  fresh = mkdtempSync(path.join(tmpdir(), 'tray-icons-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/make-tray-icons.mjs'), '--out', fresh], {
    stdio: 'pipe',
  });
});
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe('make-tray-icons', () => {
  it('regenerates byte-identical files to the committed assets (deterministic and up to date)', () => {
    const generated = listFiles(fresh);
    expect(generated.length).toBe(STATES.length * 5 + 3 + 1);
    for (const rel of generated) {
      expect(readFileSync(path.join(ASSETS, rel)).equals(readFileSync(path.join(fresh, rel))), rel).toBe(
        true,
      );
    }
  });

  it.each(STATES)('%s: every PNG has a valid signature, CRCs and the platform size', (state) => {
    for (const [suffix, size] of Object.entries(PNG_SIZES)) {
      const img = read(`tray/${state}${suffix}.png`);
      expect([img.width, img.height], `${state}${suffix}`).toEqual([size, size]);
      expect(img.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    }
  });

  it.each(STATES)('%s: the .ico holds valid 16/20/24/32 px PNG frames', (state) => {
    const frames = readIcoFrames(readFileSync(path.join(ASSETS, `tray/${state}.ico`)));
    expect(frames.map((f) => f.declared)).toEqual([16, 20, 24, 32]);
    for (const f of frames) expect(decodePng(f.png).width).toBe(f.declared);
  });

  it('macOS template images are black + alpha only', () => {
    for (const state of STATES) {
      for (const rel of [`tray/${state}Template.png`, `tray/${state}Template@2x.png`]) {
        const { pixels } = read(rel);
        const coloured = pixels.some((v, i) => i % 4 !== 3 && v !== 0);
        expect(coloured, rel).toBe(false);
      }
    }
  });

  it('edges are anti-aliased (partial alpha) and each icon covers a reasonable area', () => {
    for (const state of STATES) {
      const a = alpha(read(`tray/${state}.png`));
      expect(
        a.some((v) => v > 0 && v < 255),
        state,
      ).toBe(true);
      const coverage = a.reduce((s, v) => s + v, 0) / (255 * a.length);
      expect(coverage, state).toBeGreaterThan(0.15);
      expect(coverage, state).toBeLessThan(0.9);
    }
  });

  it.each([
    ['colour 22 px', ''],
    ['colour 44 px', '@2x'],
    ['template 16 px', 'Template'],
    ['template 32 px', 'Template@2x'],
  ])('every state has its own silhouette (%s): alpha masks differ pairwise', (_name, suffix) => {
    const masks = STATES.map((s) => alpha(read(`tray/${s}${suffix}.png`)));
    for (let i = 0; i < masks.length; i++) {
      for (let j = i + 1; j < masks.length; j++) {
        const a = masks[i] ?? [],
          b = masks[j] ?? [];
        const differing = a.filter((v, k) => Math.abs(v - (b[k] ?? 0)) > 128).length;
        // at least 8% of the pixels flip between opaque and transparent: a different shape, not a recolour
        expect(differing / a.length, `${STATES[i]} vs ${STATES[j]}`).toBeGreaterThan(0.08);
      }
    }
  });

  it('ships the app icon (512 px) and one 64 px notification icon per severity', () => {
    expect(read('icon.png').width).toBe(512);
    for (const severity of ['info', 'warning', 'critical']) {
      const img = read(`notify/${severity}.png`);
      expect([img.width, img.height]).toEqual([64, 64]);
    }
  });
});
