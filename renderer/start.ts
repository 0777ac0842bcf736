/**
 * The app chunk, loaded by main.ts: mounts the window. It holds no zod (the window trusts its own core's
 * answers): zod and the schemas come with the settings form's own chunk.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import type { EarlyData } from './lib/early.js';

/** Mounts the window into `target` from the answers main embedded in the page (null: none; the app asks). */
export function start(target: HTMLElement, early: EarlyData | null): void {
  target.replaceChildren(); // the first screen main rendered, or index.html's boot placeholder
  mount(App, { target, props: { early } });
  // For the bench (bench/renderer-page.ts MOUNTED_MARK): the app is live, its rows in the DOM.
  performance.mark('nomad-tray:mounted');
}
