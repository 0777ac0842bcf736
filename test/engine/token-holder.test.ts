/** createTokenHolder: what is kept, when it is re-resolved, and the 403 rate limit (fake clock, fake resolver). */
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../common/result.js';
import type { ClusterSettings } from '../../common/settings-schema.js';
import { createTokenHolder, TOKEN_RECHECK_MS, TOKEN_REFRESH_MS } from '../../main/core/engine/token.js';
import type { TokenResult } from '../../main/core/engine/token.js';
import { clusterSettings } from './helpers.js';

function setup(source: ClusterSettings['token'], answers: TokenResult[]) {
  const clock = { now: 1_000_000 };
  let calls = 0;
  const holder = createTokenHolder(
    { ...clusterSettings('c', ['http://127.0.0.1:1']), token: source },
    () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)] ?? ok(undefined)),
    () => clock.now,
  );
  return { holder, clock, calls: () => calls };
}

describe('createTokenHolder', () => {
  it('never keeps a failed resolution', async () => {
    const s = setup({ source: 'file', path: '/x' }, [err('missing'), ok('t1')]);
    expect(await s.holder.current()).toEqual(err('missing'));
    expect(await s.holder.current()).toEqual(ok('t1'));
    expect(await s.holder.current()).toEqual(ok('t1'));
    expect(s.calls()).toBe(2);
  });

  it('re-reads a file token after TOKEN_REFRESH_MS, but not an env token', async () => {
    const file = setup({ source: 'file', path: '/x' }, [ok('t1'), ok('t2')]);
    const env = setup({ source: 'env', variable: 'NOMAD_TOKEN' }, [ok('t1'), ok('t2')]);
    for (const s of [file, env]) {
      await s.holder.current();
      s.clock.now += TOKEN_REFRESH_MS;
    }
    expect(await file.holder.current()).toEqual(ok('t2'));
    expect(await env.holder.current()).toEqual(ok('t1'));
  });

  it('a 403 asks for a re-read at most once per TOKEN_RECHECK_MS', async () => {
    const s = setup({ source: 'keychain' }, [ok('t1'), ok('t2'), ok('t3')]);
    await s.holder.current();
    s.holder.refused();
    expect(await s.holder.current()).toEqual(ok('t2'));
    s.holder.refused(); // too soon: kept
    expect(await s.holder.current()).toEqual(ok('t2'));
    s.clock.now += TOKEN_RECHECK_MS;
    s.holder.refused();
    expect(await s.holder.current()).toEqual(ok('t3'));
    expect(s.calls()).toBe(3);
  });
});
