import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * renderer/main.ts is a tiny entry that sends the first request, then imports the app chunk (start.ts). This
 * announces that chunk and its stylesheet in index.html, so Chromium fetches and compiles them while the entry
 * runs instead of after it (same-origin files: allowed by the CSP's script-src/style-src 'self').
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'nomad-tray:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags: HtmlTagDescriptor[] = [];
        for (const chunk of Object.values(ctx.bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.facadeModuleId?.endsWith('/renderer/start.ts')) continue;
          // The chunk and the chunks it imports (the Svelte runtime is shared with the lazy views): Chromium's
          // modulepreload fetches one module, not its imports, which would otherwise wait for main.ts to run.
          const bundle = ctx.bundle ?? {};
          const imported = chunk.imports.filter((name) => {
            const dep = bundle[name];
            return dep?.type === 'chunk' && !dep.isEntry;
          });
          for (const file of [chunk.fileName, ...imported]) {
            tags.push({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
              injectTo: 'head', // after the CSP meta, which must come first to govern them
            });
          }
          // Their stylesheets too: the first screen main rendered into the page is styled before any script runs.
          const styled = [chunk, ...imported.map((name) => bundle[name])];
          const sheets = styled.flatMap((c) =>
            c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [],
          );
          for (const css of sheets) {
            tags.push({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `./${css}` },
              injectTo: 'head',
            });
          }
        }
        return tags;
      },
    },
  };
}

/** A module of the window (renderer/) or of Svelte's server runtime (with its clsx and devalue): not main code. */
const windowOnly = (id: string): boolean =>
  /[\\/](renderer|node_modules[\\/](svelte|clsx|devalue))[\\/]/.test(id) || id.startsWith('\0');

export default defineConfig({
  main: {
    // The window's components, compiled for the server: the app:// handler renders the first screen with them
    // (their styles come with the renderer's own build). That render and every chunk holding only window code or
    // Svelte go to out/main/first-screen/ (its index.js is the render alone, for the bench), apart from the
    // main-process code the security gate scans.
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.js'), emitCss: false })],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'main/main.ts'),
          'first-screen': resolve(__dirname, 'renderer/first-screen.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'first-screen' ? 'first-screen/index.js' : '[name].js'),
          // Svelte's runtime in a chunk of its own, so no chunk mixes it with code the gate scans.
          advancedChunks: {
            groups: [{ name: 'svelte', test: /node_modules[\\/](svelte|clsx|devalue)[\\/]/ }],
          },
          chunkFileNames: (chunk) =>
            chunk.moduleIds.every(windowOnly) ? 'first-screen/[name]-[hash].js' : 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot be ESM: one CommonJS file (Electron docs, tutorial/esm).
      rolldownOptions: {
        input: { index: resolve(__dirname, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.js') }), preloadAppChunk()],
    build: {
      // Minified: less JavaScript to compile before the first paint of the window.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
