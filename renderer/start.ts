/**
 * The app chunk, loaded by main.ts once the first request is on its way: configures zod, then mounts the
 * window. zod-config must stay the first import (it must run before any schema is built or parses).
 */
import './lib/zod-config.js';
import { mount } from 'svelte';
import App from './App.svelte';
import type { EarlyRequest } from './lib/early.js';

/** Mounts the window into `target`, handing over the request main.ts already sent (null: none was sent). */
export function start(target: HTMLElement, early: EarlyRequest | null): void {
  target.replaceChildren(); // the boot placeholder of index.html
  mount(App, { target, props: { early } });
}
