/**
 * The app chunk, loaded by main.ts once the first requests are on their way: mounts the window. It holds no zod
 * (the window trusts its own core's answers): zod and the schemas come with the settings form's own chunk.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import type { EarlyRequest } from './lib/early.js';

/** Mounts the window into `target`, handing over the request main.ts already sent (null: none was sent). */
export function start(target: HTMLElement, early: EarlyRequest | null): void {
  target.replaceChildren(); // the boot placeholder of index.html
  mount(App, { target, props: { early } });
}
