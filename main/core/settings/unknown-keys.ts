/**
 * Keys of settings.json this build does not know (written by a newer Nomad Tray, a hand edit, another tool)
 * survive a save: after a load, `unknownKeys` collects what the schema dropped; `withUnknownKeys` puts it back
 * into the object about to be written. Clusters are matched by id (a removed cluster takes its keys with it).
 * Keys are copied as own data properties, so a key named `__proto__` stays a key and never becomes a prototype.
 */
import { putOwn } from '../../../common/dict.js';

/**
 * What the schema dropped, mirroring the file's shape: null-prototype objects, and for an array of objects with
 * ids (the clusters) a Map by id (JSON never holds a Map, so it cannot be mistaken for the file's data).
 */
export type UnknownKeys = { [key: string]: unknown };

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  return isPlain(value) && typeof value['id'] === 'string' ? value['id'] : undefined;
}

/** What `raw` (the file as parsed JSON) has that `kept` (the schema's output) does not; null when nothing. */
export function unknownKeys(raw: unknown, kept: unknown): UnknownKeys | null {
  if (!isPlain(raw) || !isPlain(kept)) return null;
  const out: UnknownKeys = Object.create(null) as UnknownKeys;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (!Object.hasOwn(kept, key)) {
      putOwn(out, key, value);
      continue;
    }
    const inner = kept[key];
    if (Array.isArray(value) && Array.isArray(inner)) {
      const byId = new Map<string, UnknownKeys>();
      value.forEach((item, i) => {
        const id = idOf(item);
        const extra = id === undefined ? null : unknownKeys(item, inner[i]);
        if (id !== undefined && extra !== null && idOf(inner[i]) === id) byId.set(id, extra);
      });
      if (byId.size > 0) putOwn(out, key, byId);
      continue;
    }
    const extra = unknownKeys(value, inner);
    if (extra !== null) putOwn(out, key, extra);
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** A copy of `data` with the unknown keys put back where they were (never over a key `data` has). Pure. */
export function withUnknownKeys(data: unknown, extra: UnknownKeys | null): unknown {
  if (extra === null || !isPlain(data)) return data;
  const out: Plain = {};
  for (const key of Object.keys(data)) putOwn(out, key, data[key]);
  for (const key of Object.keys(extra)) {
    const value = extra[key];
    if (!Object.hasOwn(out, key)) {
      putOwn(out, key, value);
      continue;
    }
    const here = out[key];
    if (value instanceof Map && Array.isArray(here)) {
      const byId = value as Map<string, UnknownKeys>;
      putOwn<unknown>(
        out,
        key,
        here.map((item) => {
          const id = idOf(item);
          return id === undefined ? item : withUnknownKeys(item, byId.get(id) ?? null);
        }),
      );
    } else if (isPlain(value)) {
      putOwn(out, key, withUnknownKeys(here, value));
    }
  }
  return out;
}
