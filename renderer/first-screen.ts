/**
 * The Electron window's first screen, rendered in main (svelte/server) by the window's own components from the
 * answers main gathered (early.ts), and put in index.html with those answers: the page shows its rows as soon as
 * it is parsed, before any script ran, and the app mounts over it from the same answers (start.ts). The
 * rendered markup is escaped by Svelte; the embedded answers by embedEarly.
 */
import { render } from 'svelte/server';
import App from './App.svelte';
import { layoutFromSearch } from '../common/window-layout.js';
import type { Envelope, InvokeChannel } from '../common/ipc-contract.js';
import type { Bridge } from './lib/bridge.js';
import { embedEarly, gatherEarly, type EarlyData } from './lib/early.js';

/** What the server render talks to: nothing (effects and mounts do not run there; a load never answers). */
const INERT: Bridge = {
  api: { invoke: () => new Promise(() => undefined), on: () => () => undefined },
  mode: 'electron',
};

/** index.html's boot placeholder, which the first screen replaces. */
const BOOT = /<div id="app">[\s\S]*?<\/div>/;

/**
 * A `style` attribute in a tag (the virtual rows' spacer heights). The page's CSP refuses inline styles in markup,
 * so they are dropped from the first screen; the app sets them through the DOM, which the CSP allows, once it
 * mounts. Text cannot match: Svelte escapes every `<` in it, and `"` in every attribute value.
 */
const STYLE_ATTRIBUTE = /(<[a-z][^<>]*?) style="[^"]*"/g;

/** `indexHtml` with the first screen drawn from `early` for the window at `search` (its `?layout=`). */
export function renderFirstScreen(indexHtml: string, early: EarlyData, search: string): string {
  const { body } = render(App, { props: { early, bridge: INERT, search } });
  const screen = body.replace(STYLE_ATTRIBUTE, '$1');
  return indexHtml.replace(BOOT, () => `${embedEarly(early)}<div id="app">${screen}</div>`);
}

/** How long a page waits for the core's answers before it is served without a first screen. */
export const EARLY_CAP_MS = 300;

/**
 * The page for `url` (an app:// URL of index.html; its `?layout=` says full window or glance) with its first
 * screen, from what `invoke` (the app core's dispatch) answers. Never throws, and never waits more than
 * EARLY_CAP_MS for the core: without a first screen the page is served as it is and the app asks itself.
 */
export async function withFirstScreen(
  indexHtml: string,
  url: string,
  invoke: (channel: InvokeChannel, request: unknown) => Promise<Envelope<unknown>>,
): Promise<string> {
  let cap: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (cap = setTimeout(resolve, EARLY_CAP_MS, null)));
  try {
    const { search } = new URL(url);
    const gathered = gatherEarly(invoke, layoutFromSearch(search) === 'full');
    const early = await Promise.race([gathered, late]);
    return early ? renderFirstScreen(indexHtml, early, search) : indexHtml;
  } catch {
    return indexHtml;
  } finally {
    clearTimeout(cap);
  }
}
