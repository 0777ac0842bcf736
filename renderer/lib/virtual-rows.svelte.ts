/**
 * The scrolling half of a virtualized table (members, nodes): the scroller element, its scroll position and
 * height, the window of rows to render, keeping the selected row in view, and keyboard moves. Create it while a
 * component initialises: its effects belong to that component. The window math itself is virtual.ts's.
 */
import { tick, untrack } from 'svelte';
import { computeWindow, keyTarget, scrollToRow } from './virtual.js';

/** A row's height in px: theme.css's `.list-row` height. */
const ROW = 36;

export class VirtualRows<T> {
  scroller = $state<HTMLDivElement>();
  scrollTop = $state(0);
  viewport = $state(400);
  readonly #items: () => readonly T[];
  readonly #selectedIndex: () => number;
  /** The rendered slice of rows and the spacers around it. */
  readonly win = $derived.by(() =>
    computeWindow({
      scrollTop: this.scrollTop,
      viewportHeight: this.viewport,
      rowHeight: ROW,
      count: this.#items().length,
      overscan: 8,
    }),
  );
  readonly rows = $derived.by(() => this.#items().slice(this.win.start, this.win.end));
  /** The row holding the tab stop (roving tabindex): the selected one, else the first. */
  readonly active: number = $derived.by(() => Math.max(0, this.#selectedIndex()));

  /** `items`: the rows in order; `selectedIndex`: the selected row (-1: none), kept in view when it moves. */
  constructor(items: () => readonly T[], selectedIndex: () => number) {
    this.#items = items;
    this.#selectedIndex = selectedIndex;
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
        const top = scrollToRow(index, el.scrollTop, this.viewport, ROW);
        if (top !== el.scrollTop) el.scrollTop = this.scrollTop = top;
      });
    });
  }

  onscroll = (): void => {
    this.scrollTop = this.scroller?.scrollTop ?? 0;
  };

  /**
   * The table's key handler: a navigation key (↑/↓, Home/End, PageUp/PageDown) selects the row it moves to,
   * scrolls it into view and focuses it. A key on a button inside a row is the button's.
   */
  onkeydown(event: KeyboardEvent, select: (item: T) => void): void {
    const items = this.#items();
    const page = Math.max(1, Math.floor(this.viewport / ROW) - 1);
    const to = keyTarget(event.key, this.active, items.length, page);
    const index = to === undefined ? -1 : Math.min(items.length - 1, Math.max(0, to));
    const item = items[index];
    if (item === undefined || (event.target as HTMLElement).tagName === 'BUTTON') return;
    event.preventDefault();
    select(item);
    void this.focusRow(index);
  }

  /** Scrolls row `index` into view and focuses it once the DOM has it. */
  async focusRow(index: number): Promise<void> {
    const el = this.scroller;
    if (!el) return;
    el.scrollTop = scrollToRow(index, el.scrollTop, this.viewport, ROW);
    this.scrollTop = el.scrollTop;
    await tick();
    el.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }
}
