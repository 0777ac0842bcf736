/**
 * The Electron window's first screen, rendered in main by the window's own components (renderer/first-screen.ts):
 * the page it serves already shows the cluster and its first member rows, carries the same answers for the app
 * to mount from, escapes every name, and is served unchanged when the core cannot answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Envelope, InvokeChannel } from '../../common/ipc-contract.js';
import { EARLY_CAP_MS, renderFirstScreen, withFirstScreen } from '../../renderer/first-screen.js';
import { FIRST_PAGE, readEarly, type EarlyData } from '../../renderer/lib/early.js';
import { makeClusterView, makeMember, makeMembers, embeddedDocument } from './fixtures.js';

const INDEX = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

/** The member names in the rendered rows, in order. */
const rowNames = (html: string) =>
  [...html.matchAll(/data-index="\d+"[\s\S]*?class="name[^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]);

/** A core answering from `list` and `members` (each request recorded), or throwing when `fail`. */
function core(list: Envelope<unknown>, members: Envelope<unknown>, fail = false) {
  const calls: string[] = [];
  const invoke = (channel: InvokeChannel): Promise<Envelope<unknown>> => {
    calls.push(channel);
    if (fail) return Promise.reject(new Error('core gone'));
    return Promise.resolve(channel === 'clusters:list' ? list : members);
  };
  return { calls, invoke };
}

describe('the first screen main renders into the page', () => {
  const view = makeClusterView({ id: 'prod', name: 'Production' });
  const page = { ok: true as const, value: { time: 1, members: makeMembers() } };

  it('shows the cluster and its member rows, and carries the answers it was drawn from', async () => {
    const { calls, invoke } = core({ ok: true, value: [view] }, page);
    const html = await withFirstScreen(INDEX, 'app://renderer/index.html', invoke);
    expect(calls).toEqual(['clusters:list', 'members:list']);
    expect(html).not.toContain('loading…</p>'); // the boot placeholder is replaced
    expect(html).toContain('<h2 class="svelte-');
    expect(html).toMatch(/<h2 class="[^"]*">Production<\/h2>/);
    expect(html).toContain('aria-rowcount="4"'); // three members and the header row
    expect(rowNames(html)).toHaveLength(3);
    expect(readEarly(embeddedDocument(html))).toEqual({
      list: { ok: true, value: [view] },
      members: { clusterId: 'prod', version: view.snapshot?.time ?? null, answer: page },
    });
    // The page's scripts and styles are kept: the app still loads and mounts over it.
    expect(html).toContain('<script type="module" src="./main.ts"></script>');
  });

  it('escapes hostile names in the markup and in the carried answers', () => {
    const names = [
      '<img src=x onerror=alert(1)>',
      '</script><script>alert(1)</script>',
      '__proto__',
      'constructor',
    ];
    const members = names.map((name, i) => makeMember({ name, shortName: name, address: `10.0.0.${i}` }));
    const early: EarlyData = {
      list: { ok: true, value: [makeClusterView({ id: 'prod', name: '<b>bold</b>' })] },
      members: { clusterId: 'prod', version: 1, answer: { ok: true, value: { time: 1, members } } },
    };
    const html = renderFirstScreen(INDEX, early, '');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html.match(/<script/g)).toHaveLength(2); // the embedded answers and the entry script, nothing else
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<[a-z][^<>]* style="/); // the CSP would refuse them
    expect(readEarly(embeddedDocument(html))).toEqual(early);
  });

  it('in the glance, asks for no member list', async () => {
    const { calls, invoke } = core({ ok: true, value: [view] }, page);
    const html = await withFirstScreen(INDEX, 'app://renderer/index.html?layout=glance', invoke);
    expect(calls).toEqual(['clusters:list']);
    expect(readEarly(embeddedDocument(html))?.members).toBeNull();
    expect(html).toContain('<p class="muted">Loading…</p>'); // the glance's view loads on demand: never blank
  });

  it('shows a first page of a big cluster as a first page', () => {
    const many = Array.from({ length: FIRST_PAGE }, (_, i) =>
      makeMember({ name: `n${i}`, shortName: `n${i}` }),
    );
    const early: EarlyData = {
      list: { ok: true, value: [view] },
      members: {
        clusterId: 'prod',
        version: 1,
        answer: { ok: true, value: { time: 1, members: many, total: 5000 } },
      },
    };
    const html = renderFirstScreen(INDEX, early, '');
    expect(html).toContain('5000 members, loading the list…');
    expect(rowNames(html)[0]).toBe('n0');
  });

  it('a core that does not answer holds the page only until the cap, then it is served as it is', async () => {
    vi.useFakeTimers();
    try {
      const served = withFirstScreen(INDEX, 'app://renderer/index.html', () => new Promise(() => undefined));
      let page: string | null = null;
      void served.then((html) => (page = html));
      await vi.advanceTimersByTimeAsync(EARLY_CAP_MS - 1);
      expect(page).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(page).toBe(INDEX);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a cluster, or when the core fails, the page is what it was or says what is missing', async () => {
    const empty = await withFirstScreen(
      INDEX,
      'app://renderer/index.html',
      core({ ok: true, value: [] }, page).invoke,
    );
    expect(empty).toContain('Add a cluster in Settings to start watching it.');
    const failing = core({ ok: true, value: [view] }, page, true);
    expect(await withFirstScreen(INDEX, 'app://renderer/index.html', failing.invoke)).toBe(INDEX);
  });
});
