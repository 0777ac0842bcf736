/** Small helpers for the settings form's edits of the (deeply reactive) draft. */

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
