/** Small helpers for the settings form's edits of the (deeply reactive) draft. */
import type { NotificationRules } from '../../common/settings-schema.js';

/**
 * Sets an optional text field, removing it when the text is blank: settings.json then has no `"region": ""`
 * that the core would send as an empty value.
 */
export function setOptionalText<K extends string>(
  target: { [P in K]?: string },
  key: K,
  value: string,
): void {
  if (value.trim() === '') delete target[key];
  else target[key] = value;
}

/** An input's error attributes: aria-invalid while `error` is set, and aria-describedby naming its error line. */
export function errorAria(
  error: string | undefined,
  errorId: string,
): { 'aria-invalid'?: 'true'; 'aria-describedby': string } {
  return error ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : { 'aria-describedby': errorId };
}

/** Adds or removes `item` in a list (used for the event-type checkboxes). */
export function toggleItem<T>(list: T[], item: T, present: boolean): void {
  const at = list.indexOf(item);
  if (present && at < 0) list.push(item);
  if (!present && at >= 0) list.splice(at, 1);
}

/** Moves an item of a list one place (reordering agent addresses); out-of-range moves do nothing. */
export function moveItem<T>(list: T[], from: number, to: number): void {
  if (from < 0 || to < 0 || from >= list.length || to >= list.length || from === to) return;
  const [item] = list.splice(from, 1);
  if (item !== undefined) list.splice(to, 0, item);
}

/** Names typed as a comma-separated list ("batch, gpu"): trimmed, blanks and repeats dropped, order kept. */
export function parseNameList(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim()))].filter((name) => name !== '');
}

/**
 * Sets one side ("only" / "never") of a cluster's node pool or node class filter from typed text. A filter left
 * with both sides empty is removed, so settings.json keeps no empty `nodePools`.
 */
export function setNameFilter(
  rules: NotificationRules,
  key: 'nodePools' | 'nodeClasses',
  side: 'only' | 'never',
  text: string,
): void {
  const filter = {
    only: rules[key]?.only ?? [],
    never: rules[key]?.never ?? [],
    [side]: parseNameList(text),
  };
  if (filter.only.length === 0 && filter.never.length === 0) delete rules[key];
  else rules[key] = filter;
}
