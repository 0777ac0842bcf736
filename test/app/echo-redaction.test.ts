/**
 * One scrubber for the app and the CLI: a hostile agent echoes the token it receives (raw, base64, URL-encoded
 * and hex) in its error bodies. None of those forms reaches the window (answers, pushes), history.jsonl, the
 * Markdown export, or the CLI's stdout / stderr. Settings values are never scrubbed: a cluster named after
 * the token comes back (and is saved back) as written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../common/domain.js';
import type { Settings } from '../../common/settings-schema.js';
import { secretForms } from '../../main/core/redact/index.js';
import { runInProcess } from '../cli/in-process.js';
import type { HostileAgent } from '../support/hostile-agent.js';
import { echoBody, startHostileAgent } from '../support/hostile-agent.js';
import type { CoreHarness } from './helpers.js';
import { startCore, waitFor } from './helpers.js';

const TOKEN = 'echoed-3f2a9c71-0b4d-4e8f-a1c2-5d6e7f8091ab';
const NAME = `team ${TOKEN} cluster`;

let agent: HostileAgent;
let h: CoreHarness;

/** Every encoding the agent echoes that appears in `text` (the cluster's own name aside). */
const leaks = (raw: string): string[] => {
  const text = raw.split(NAME).join('');
  return [
    TOKEN,
    Buffer.from(TOKEN).toString('base64'),
    encodeURIComponent(TOKEN),
    Buffer.from(TOKEN).toString('hex'),
  ].filter((form) => text.includes(form));
};

beforeAll(async () => {
  agent = await startHostileAgent({ status: 403, echo: true });
  h = await startCore(
    JSON.stringify({
      schemaVersion: 1,
      clusters: [
        {
          id: 'echo',
          name: NAME,
          addresses: [agent.url],
          pollIntervalMs: 500,
          token: { source: 'keychain' },
        },
      ],
      global: { confirmPolls: 1, recoveryPolls: 1 },
    }),
  );
  expect((await h.core.dispatch('settings:setToken', { clusterId: 'echo', token: TOKEN })).ok).toBe(true);
  await waitFor('the echoing agent to be polled with the token', () =>
    agent.seen.some((r) => r.token === TOKEN),
  );
});

afterAll(async () => {
  await h?.close();
  await agent?.close();
});

describe('the shared scrubber', () => {
  it('knows every encoding the agent echoes', () => {
    const body = echoBody(TOKEN);
    expect(leaks(body).length).toBe(4);
    const forms = secretForms(TOKEN);
    for (const form of leaks(body)) expect(forms).toContain(form);
  });
});

describe('the app', () => {
  it('shows the forbidden state with the echo redacted in every form', async () => {
    const view = await waitFor('the forbidden state', async () => {
      const list = await h.core.dispatch('clusters:list', {});
      const v = list.ok ? (list.value as ClusterView[])[0] : undefined;
      return v?.state === 'forbidden' ? v : undefined;
    });
    expect(JSON.stringify(view)).toContain('[redacted]');
    expect(leaks(JSON.stringify(view))).toEqual([]);
    expect(leaks(JSON.stringify(h.core.views()))).toEqual([]);
    expect(leaks(h.pushed.join('\n'))).toEqual([]);
    expect(leaks(h.logs.join('\n'))).toEqual([]);
  });

  it('keeps history.jsonl and its Markdown export clean', async () => {
    // A failed operator action is recorded with Nomad's (echoing) answer.
    const joined = await h.core.dispatch('members:join', { clusterId: 'echo', addresses: ['10.0.0.9'] });
    expect(joined.ok).toBe(false);
    expect(leaks(JSON.stringify(joined))).toEqual([]);
    await waitFor('an event in history', async () => {
      const text = await readFile(path.join(h.dir, 'history.jsonl'), 'utf8').catch(() => '');
      return text.length > 0;
    });
    expect(leaks(await readFile(path.join(h.dir, 'history.jsonl'), 'utf8'))).toEqual([]);
    const md = await h.core.dispatch('history:exportMarkdown', {});
    expect(leaks(JSON.stringify(md))).toEqual([]);
  });

  it('never scrubs settings values: a name holding the token is shown and saved back as written', async () => {
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error(got.error.message);
    const settings = (got.value as { settings: Settings }).settings;
    expect(settings.clusters[0]?.name).toBe(NAME);
    const saved = await h.core.dispatch('settings:save', { settings });
    expect(saved.ok).toBe(true);
    const disk = JSON.parse(await readFile(path.join(h.dir, 'settings.json'), 'utf8')) as Settings;
    expect(disk.clusters[0]?.name).toBe(NAME);
    expect(JSON.stringify(disk)).not.toContain('[redacted]');
  });
});

describe('the CLI', () => {
  it('scrubs the echoed token from stdout and stderr (status, human and JSON)', async () => {
    for (const json of [[], ['--json']]) {
      const r = await runInProcess(['status', '--address', agent.url, ...json], { NOMAD_TOKEN: TOKEN });
      expect(r.code).toBe(2);
      const all = [...r.out, ...r.err].join('\n');
      expect(all).toMatch(/403|forbidden|Permission/i);
      expect(leaks(all)).toEqual([]);
    }
  });

  it('scrubs a token read from a token file, and its history export', async () => {
    const dir = h.dir;
    const file = path.join(dir, 'cli.token');
    await writeFile(file, `${TOKEN}\n`);
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        clusters: [
          { id: 'echo', name: 'echo', addresses: [agent.url], token: { source: 'file', path: file } },
        ],
      }),
    );
    const members = await runInProcess(['members', '--config', dir]);
    expect(members.code).toBe(2);
    expect(leaks([...members.out, ...members.err].join('\n'))).toEqual([]);
    // A line an older version wrote with the token in clear is scrubbed on export when the token is known.
    const historyFile = path.join(dir, 'history.jsonl');
    const line = (await readFile(historyFile, 'utf8')).trim().split('\n')[0] ?? '';
    const event = { ...(JSON.parse(line) as Record<string, unknown>), message: `old line with ${TOKEN}` };
    await writeFile(historyFile, `${JSON.stringify(event)}\n`);
    const md = await runInProcess(['history', '--markdown', '--config', dir], { NOMAD_TOKEN: TOKEN });
    expect(md.out.join('\n')).toContain('old line with [redacted]');
    expect(leaks([...md.out, ...md.err].join('\n'))).toEqual([]);
  });

  it('never prints the password of a malformed address', async () => {
    const r = await runInProcess(['status', '--address', 'ftp://ops:hunter2-password@host:4646']);
    expect(r.code).toBe(64);
    expect(r.err.join('\n')).not.toContain('hunter2');
    const bad = await runInProcess(['status'], { NOMAD_ADDR: 'http://ops:p@ss-word-secret@[bad' });
    expect([...bad.out, ...bad.err].join('\n')).not.toContain('ss-word-secret');
  });
});
