/**
 * The window's first screen loads no zod: the entry script and every chunk index.html preloads with it (the app
 * chunk and what it imports) must be free of zod and the contract's schemas, which load later with the settings
 * checks. A value import from a schema module (common/nomad-domain.ts, common/ipc-contract.ts, …) anywhere on that
 * path pulls about 100 KB of parse and evaluation in front of the first row (it did once, for a name lookup).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_ROOT } from '../support/fake-window.js';

const INDEX = join(RENDERER_ROOT, 'index.html');
const built = existsSync(INDEX);
if (!built)
  console.warn(
    'first-screen chunk test skipped because the renderer is not built (run npx electron-vite build)',
  );

describe.skipIf(!built)('the first screen of the built window', () => {
  it('loads no zod: the entry and its preloaded chunks hold none of its classes', () => {
    const html = readFileSync(INDEX, 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(scripts.some((s) => s.startsWith('assets/index-'))).toBe(true);
    expect(scripts.some((s) => s.startsWith('assets/start-'))).toBe(true);
    const withZod = scripts.filter((s) => readFileSync(join(RENDERER_ROOT, s), 'utf8').includes('$ZodType'));
    expect(withZod).toEqual([]);
    // The marker is real: the built window does hold zod, in a chunk loaded later.
    const assets = readdirSync(join(RENDERER_ROOT, 'assets')).filter((f) => f.endsWith('.js'));
    const lazy = assets.filter((f) =>
      readFileSync(join(RENDERER_ROOT, 'assets', f), 'utf8').includes('$ZodType'),
    );
    expect(lazy.length).toBeGreaterThan(0);
  });
});
