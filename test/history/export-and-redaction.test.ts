import fs from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../common/domain.js';
import { createHistory } from '../../main/core/history/history.js';
import { TIMELINE_TITLE } from '../../main/core/history/markdown.js';
import { memberFailed, tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** `HH:MM:SS` and `YYYY-MM-DD` in UTC, computed independently of the module under test. */
const utcTime = (t: number): string => new Date(t).toISOString().slice(11, 19);
const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

describe('history: Markdown incident timeline', () => {
  it('title, one heading per day, oldest first, operator actions marked, filters applied', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const day1 = Date.UTC(2025, 4, 1, 23, 58, 1);
    const events: MonitorEvent[] = [
      memberFailed(day1, 2),
      {
        time: day1 + 90_000,
        clusterId: 'prod',
        cluster: 'Production',
        type: 'action-force-leave',
        member: 'server-2.global',
        severity: 'info',
        message: 'force-leave server-2.global (prune)',
      },
      {
        ...memberFailed(day1 + 100_000, 3),
        type: 'member-recovered',
        severity: 'info',
        message: 'server-3 is back',
      },
      { ...memberFailed(day1 + 200_000, 9, 'dev'), message: 'dev thing' },
      {
        time: day1 + 300_000,
        clusterId: 'prod',
        cluster: 'Production',
        type: 'digest',
        severity: 'warning',
        message: '3 changes',
        details: ['a failed', 'b failed', 'c left'],
      },
    ];
    const h = createHistory({ dir, clock: () => day1 + 400_000, timeZone: 'UTC' });
    for (const e of [...events].reverse()) await h.append(e);
    const r = await h.exportMarkdown({ clusterId: 'prod' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const md = r.value;
    const prod = events.filter((e) => e.clusterId === 'prod');
    expect(md.startsWith(`${TIMELINE_TITLE}\n`)).toBe(true);
    expect(md).toContain(`${prod.length} events`);
    const days = [...new Set(prod.map((e) => utcDay(e.time)))];
    expect(days).toHaveLength(2);
    for (const d of days) expect(md).toContain(`\n## ${d}\n`);
    const bullets = prod.map((e) => `- ${utcTime(e.time)} **${e.cluster}** ${e.type} — ${e.message}`);
    const positions = bullets.map((b) => md.indexOf(b));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    // The day heading comes before that day's events.
    const firstOfDay2 = prod.findIndex((e) => utcDay(e.time) === days[1]);
    expect(firstOfDay2).toBeGreaterThan(0);
    expect(md.indexOf(`## ${days[1]}`)).toBeLessThan(positions[firstOfDay2]!);
    expect(md.indexOf(`## ${days[1]}`)).toBeGreaterThan(positions[firstOfDay2 - 1]!);
    const action = md.split('\n').find((l) => l.includes('action-force-leave'));
    expect(action).toContain('operator action');
    expect(md.split('\n').filter((l) => l.includes('operator action'))).toHaveLength(1);
    for (const d of prod.flatMap((e) => e.details ?? [])) expect(md).toContain(`  - ${d}`);
    expect(md).not.toContain('dev thing');
  });

  it('an empty timeline (a cluster with no events)', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const t = Date.UTC(2025, 0, 1, 8, 0, 0);
    const h = createHistory({ dir, clock: () => t, timeZone: 'UTC' });
    await h.append(memberFailed(t, 1));
    const r = await h.exportMarkdown({ clusterId: 'other' });
    expect(r.ok && r.value).toContain('No events');
    expect(r.ok && r.value).not.toContain(memberFailed(t, 1).message);
  });
});

describe('history: secrets never reach the file', () => {
  it('a configured token inside a message is written as [redacted]', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const token = '6c1f0e2a-93b4-4f8e-a1d2-7b9c0d1e2f3a';
    const h = createHistory({ dir, clock: () => 1, secrets: () => [token] });
    const leaky = {
      ...memberFailed(1, 1),
      message: `request with ${token} was denied`,
      details: [`x ${token}`],
      cause: `403 ACL token ${token} not found`,
    };
    await h.append(leaky);
    const text = await fs.readFile(h.path, 'utf8');
    expect(text).not.toContain(token);
    const listed = await h.list();
    expect(listed.ok && listed.value.events[0]?.message).toBe('request with [redacted] was denied');
    expect(listed.ok && listed.value.events[0]?.details).toEqual(['x [redacted]']);
    expect(listed.ok && listed.value.events[0]?.cause).toBe('403 ACL token [redacted] not found');
  });

  it('a UUID labelled as a token or secret is redacted even when it is not a configured secret', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const uuid = '0b8a4a6e-4f3c-4c9b-9a7e-5d6c7b8a9f01';
    const h = createHistory({ dir, clock: () => 1 });
    await h.append({ ...memberFailed(1, 1), message: `X-Nomad-Token: ${uuid}; secret_id=${uuid}` });
    await h.append({ ...memberFailed(2, 2), message: `alloc ${uuid} failed` });
    const text = await fs.readFile(h.path, 'utf8');
    expect(text).toContain('X-Nomad-Token: [redacted]; secret_id=[redacted]');
    // An unlabelled UUID (an allocation or node ID) is useful and kept.
    expect(text).toContain(`alloc ${uuid} failed`);
  });
});
