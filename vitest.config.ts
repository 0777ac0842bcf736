import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Compiles the renderer's `.svelte.ts` state classes (runes) for test/renderer; other files are untouched.
  plugins: [svelte({ configFile: false })],
  resolve: {
    // Never let a test load the real `electron` package: it downloads its binary on first require.
    alias: { electron: fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Bounds, not paces: a passing test never waits for them; a busy CI runner must not hit them.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
