/**
 * Name-keyed records whose keys come from outside data (region, member, tag names). On a plain object, `name in
 * record` and `record[name]` see `toString` and `constructor` inherited from Object.prototype, and assigning
 * `record['__proto__']` replaces the prototype instead of adding a key. Every such record is written with
 * putOwn() (or built by Object.fromEntries / a spread, which define own keys) and read with own() / Object.hasOwn(), so
 * every name is an ordinary key and the records stay plain JSON. Maps are the other safe choice.
 */

/** An own property of a record (never one inherited from Object.prototype, whatever the name). */
export function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Sets an own, enumerable key, `__proto__` included (a plain assignment would set the prototype). */
export function putOwn<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__')
    Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}

/** The value paired with `name` in [name, value] pairs, the form names take on the way to the window. */
export function pairValue<T>(pairs: readonly (readonly [string, T])[], name: string): T | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}
