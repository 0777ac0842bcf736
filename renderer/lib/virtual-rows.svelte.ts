/**
 * The scrolling half of a virtualized table (members, nodes): the scroller element, its scroll position and
 * height, the window of rows to render, keeping the selected row in view, and keyboard moves. Create it while a
 * component initialises: its effects belong to that component. The window math itself is virtual.ts's.
 */
import { tick, untrack } from 'svelte';
import { computeWindow, keyTarget, scrollToRow } from './virtual.js';

export class VirtualRows {
  scroller = $state<HTMLDivElement>();
  scrollTop = $state(0);
  viewport = $state(400);
  readonly #rowHeight: number;
  readonly #count: () => number;
  /** The rendered slice of rows and the spacers around it. */
  readonly win = $derived.by(() =>
    computeWindow({
      scrollTop: this.scrollTop,
      viewportHeight: this.viewport,
      rowHeight: this.#rowHeight,
      count: this.#count(),
      overscan: 8,
    }),
  );

  /** `count`: the number of rows; `selectedIndex`: the selected row (-1: none), kept in view when it moves. */
  constructor(rowHeight: number, count: () => number, selectedIndex: () => number) {
    this.#rowHeight = rowHeight;
    this.#count = count;
    // The viewport height comes from a ResizeObserver, which reports after the browser's own layout: unlike
    // bind:clientHeight it never reads the size synchronously at mount (a forced layout of the whole window
    // before the first rows exist). The first rows render for the default height; the observer corrects it
    // before the first paint.
    $effect(() => {
      const el = this.scroller;
      if (!el) return;
      const observer = new ResizeObserver(() => (this.viewport = el.clientHeight));
      observer.observe(el);
      return () => observer.disconnect();
    });
    // Keeps the selected row in view when it moves or is chosen from outside (a notification click, a re-sort).
    $effect(() => {
      const index = selectedIndex();
      const el = this.scroller;
      if (index < 0 || !el) return;
      untrack(() => {
        const top = scrollToRow(index, el.scrollTop, this.viewport, this.#rowHeight);
        if (top !== el.scrollTop) el.scrollTop = this.scrollTop = top;
      });
    });
  }

  /** The scroller's scroll handler. */
  onscroll = (): void => {
    this.scrollTop = this.scroller?.scrollTop ?? 0;
  };

  /** The row a navigation key moves to from `active`, within the rows; undefined for any other key. */
  target(key: string, active: number): number | undefined {
    const count = this.#count();
    const page = Math.max(1, Math.floor(this.viewport / this.#rowHeight) - 1);
    const index = keyTarget(key, active, count, page);
    return index === undefined ? undefined : Math.min(count - 1, Math.max(0, index));
  }

  /** Scrolls row `index` into view and focuses it (or the element `inside` it) once the DOM has it. */
  async focusRow(index: number, inside = ''): Promise<void> {
    const el = this.scroller;
    if (!el) return;
    el.scrollTop = scrollToRow(index, el.scrollTop, this.viewport, this.#rowHeight);
    this.scrollTop = el.scrollTop;
    await tick();
    el.querySelector<HTMLElement>(`[data-index="${index}"]${inside ? ` ${inside}` : ''}`)?.focus();
  }
}
