/**
 * The CLI names an `--address` cluster by the settings' one rule (nameFromAddress): the host without its port,
 * IPv6 without brackets, never the `user:password@` part: the same name the app and `status` without --address
 * give the cluster NOMAD_ADDR points at. Closed loopback ports: nothing answers, the name is all that is read.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.js';

const nameOf = (out: string[]): string | undefined =>
  (JSON.parse(out.join('\n')) as { clusters: Array<{ name: string }> }).clusters[0]?.name;

describe('the name of an ad hoc cluster', () => {
  it.each([
    ['http://127.0.0.1:1', '127.0.0.1'],
    ['http://[::1]:1', '::1'],
    ['http://ops:s3cret-pass@127.0.0.1:1', '127.0.0.1'],
  ])('--address %s is named %s, as NOMAD_ADDR would name it', async (address, name) => {
    const adHoc = await runInProcess(['status', '--json', '--address', address]);
    expect(adHoc.code).toBe(2); // unreachable: the closed port
    expect(nameOf(adHoc.out)).toBe(name);
    const fromEnv = await runInProcess(['status', '--json'], { NOMAD_ADDR: address });
    expect(fromEnv.code).toBe(2);
    expect(nameOf(fromEnv.out)).toBe(name);
  });

  it('the human line starts with that name', async () => {
    const r = await runInProcess(['status', '--address', 'http://127.0.0.1:1']);
    expect(r.out.join('\n')).toMatch(/^127\.0\.0\.1 \[http:\/\/127\.0\.0\.1:1\]: unreachable/);
  });
});
