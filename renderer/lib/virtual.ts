/** Window math for the virtualized tables (members, nodes): which rows to render for a scroll position. Pure. */

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscan: number;
}

export interface RowWindow {
  /** First rendered row index (inclusive). */
  start: number;
  /** Last rendered row index (exclusive). */
  end: number;
  /** Height of the spacer above the rendered rows, px. */
  padTop: number;
  /** Height of the spacer below the rendered rows, px. */
  padBottom: number;
}

/** Computes the rendered slice; tolerant of negative or oversized scroll positions and empty lists. */
export function computeWindow({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan,
}: WindowInput): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const maxTop = Math.max(0, count * rowHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/** The scroll position that brings row `index` fully into view (unchanged when it already is). */
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const rowTop = index * rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowTop + rowHeight > scrollTop + viewportHeight) return rowTop + rowHeight - viewportHeight;
  return scrollTop;
}

/** Where each navigation key moves from `active` (↑/↓, Home/End, PageUp/PageDown by `page` rows), unclamped. */
const MOVES = new Map<string, (active: number, count: number, page: number) => number>([
  ['ArrowDown', (active) => active + 1],
  ['ArrowUp', (active) => active - 1],
  ['Home', () => 0],
  ['End', (_active, count) => count - 1],
  ['PageDown', (active, _count, page) => active + page],
  ['PageUp', (active, _count, page) => active - page],
]);

/** The row a navigation key moves to from `active`, unclamped; undefined for any other key. */
export function keyTarget(key: string, active: number, count: number, page: number): number | undefined {
  return MOVES.get(key)?.(active, count, page);
}
