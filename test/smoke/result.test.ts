import { describe, expect, it } from 'vitest';
import { err, ok } from '../../common/result.js';

describe('Result helpers', () => {
  it('wrap values and errors', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });
});
