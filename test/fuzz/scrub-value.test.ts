/**
 * Property tests of the secret scrubber: on any JSON value and any secrets it keeps the value's shape (same
 * JSON types, still serialisable), leaves no secret of 8+ characters in any string leaf, and never touches values
 * when every secret is shorter than 8 characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, redactValue as scrubValue } from '../../main/core/redact/index.js';

const RUNS = 1_000;

/** Every string leaf inside a JSON value (keys are ids and names: never scrubbed). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return Object.values(value).flatMap(strings);
}

/** The value with every string replaced by "s": its shape. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return 's';
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(shape);
  return Object.values(value).map(shape);
}

const secret = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('true', 'null', 'false', '1000', 'prod', '","name":"', '{"ok":true}', '[redacted]'),
);

describe('scrubValue', () => {
  it('keeps the shape, stays serialisable, and removes every long secret from strings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(secret, { maxLength: 4 }), (value, secrets) => {
        const out = scrubValue(value, secrets);
        expect(() => JSON.parse(JSON.stringify(out)) as unknown).not.toThrow();
        // A secret that could be re-formed around an inserted "[redacted]" is not checked after scrubbing.
        const long = secrets.filter(
          (s) => s.length >= MIN_SECRET_LENGTH && !s.includes('[') && !s.includes(']'),
        );
        for (const text of strings(out)) for (const s of long) expect(text).not.toContain(s);
        const scrubbed = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
        if (!strings(value).some((t) => scrubbed.some((s) => t.includes(s)))) expect(out).toBe(value);
        else expect(Array.isArray(out)).toBe(Array.isArray(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes a value when every secret is shorter than 8 characters', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.string({ maxLength: MIN_SECRET_LENGTH - 1 })),
        (value, secrets) => {
          expect(scrubValue(value, secrets)).toBe(value);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps the shape of arrays and scalars', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(secret, { maxLength: 4 }), (value, secrets) => {
        const out = scrubValue(value, secrets);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          expect(shape(out)).toEqual(shape(value));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('scrubValue on hostile keys', () => {
  it('keeps a "__proto__" key as a plain key', () => {
    const value: unknown = JSON.parse(
      '{"__proto__":{"polluted":"long-secret-value"},"a":"long-secret-value"}',
    );
    const out = scrubValue(value, ['long-secret-value']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"[redacted]"},"a":"[redacted]"}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
