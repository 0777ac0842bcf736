import { describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings-schema.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import type { NotificationRules } from '../../common/settings-schema.js';
import {
  moveItem,
  parseNameList,
  setNameFilter,
  setOptionalText,
  toggleItem,
} from '../../renderer/lib/form.js';
import { agentUrlProblem, settingsErrors } from '../../renderer/lib/settings-checks.js';

function draft(cluster: Record<string, unknown> = {}, global: Record<string, unknown> = {}): Settings {
  return SettingsSchema.parse({
    schemaVersion: 1,
    clusters: [{ id: 'prod', name: 'Production', addresses: ['https://10.0.0.11:4646'], ...cluster }],
    global,
  });
}

describe('settingsErrors (field errors of the settings form)', () => {
  it('has none for a valid draft', () => {
    expect(settingsErrors(draft())).toEqual({});
  });

  it('checks every agent address as an http(s) URL, keyed by its position', () => {
    const errors = settingsErrors(
      draft({
        addresses: [
          'https://10.0.0.11:4646',
          '10.0.0.12:4646',
          'unix:///run/nomad.sock',
          'http://[::1]:4646',
        ],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['clusters.0.addresses.1', 'clusters.0.addresses.2']);
    expect(errors['clusters.0.addresses.1']).toBe(
      'Start with http:// or https://, e.g. http://10.0.0.12:4646.',
    );
    expect(errors['clusters.0.addresses.2']).toContain('"unix:" is not supported');
  });

  it('refuses credentials in an address and never repeats them', () => {
    const message = agentUrlProblem('https://admin:hunter2@nomad.example.com:4646');
    expect(message).toBe('Put credentials in the HTTP basic auth field, not in the URL.');
    expect(agentUrlProblem('http://admin:hunter2@')).not.toContain('hunter2');
    expect(agentUrlProblem('admin:hunter2@nomad:4646')).not.toContain('hunter2');
  });

  it('rewords the schema range errors in plain words', () => {
    const bad = draft();
    bad.clusters[0]!.pollIntervalMs = 100;
    bad.clusters[0]!.name = '';
    bad.global.confirmPolls = 0;
    bad.global.quietHours.start = '25:00';
    expect(settingsErrors(bad)).toMatchObject({
      'clusters.0.pollIntervalMs': 'Poll every 0.5 to 3,600 seconds.',
      'clusters.0.name': 'Give the cluster a name (at most 100 characters).',
      'global.confirmPolls': 'Between 1 and 20 polls.',
      'global.quietHours.start': 'A 24-hour time as HH:MM, e.g. 22:00.',
    });
  });

  it('shows an address error even while another field of the cluster is out of range', () => {
    const bad = draft({ addresses: ['nomad:4646'] });
    bad.clusters[0]!.pollIntervalMs = 0;
    expect(Object.keys(settingsErrors(bad)).sort()).toEqual([
      'clusters.0.addresses.0',
      'clusters.0.pollIntervalMs',
    ]);
  });

  it('flags a duplicate cluster id on the later cluster', () => {
    const two = draft();
    two.clusters.push({ ...structuredClone(two.clusters[0]!), name: 'Copy' });
    expect(settingsErrors(two)).toEqual({ 'clusters.1.id': 'Another cluster already uses this id.' });
  });

  it('wants a client certificate and its key together (Nomad refuses one without the other)', () => {
    const message = 'Both client cert and client key must be provided.';
    expect(settingsErrors(draft({ tls: { clientCert: '/c.pem' } }))).toEqual({
      'clusters.0.tls.clientKey': message,
    });
    expect(settingsErrors(draft({ tls: { clientKey: '/k.pem' } }))).toEqual({
      'clusters.0.tls.clientCert': message,
    });
    expect(settingsErrors(draft({ tls: { clientCert: '/c.pem', clientKey: '/k.pem' } }))).toEqual({});
  });

  it('wants the token variable or file actually named', () => {
    expect(settingsErrors(draft({ token: { source: 'env', variable: 'NOMAD TOKEN' } }))).toHaveProperty(
      'clusters.0.token.variable',
    );
    expect(settingsErrors(draft({ token: { source: 'file', path: '  ' } }))).toHaveProperty(
      'clusters.0.token.path',
    );
    expect(settingsErrors(draft({ token: { source: 'env' } }))).toEqual({}); // NOMAD_TOKEN by default
  });

  it('refuses an event type that is both "only" and "never"', () => {
    const errors = settingsErrors(
      draft({ notifications: { only: ['member-failed', 'leader-lost'], never: ['leader-lost'] } }),
    );
    expect(errors['clusters.0.notifications.never']).toBe(
      'An event cannot be both "only" and "never": leader-lost.',
    );
  });

  it('refuses a node pool or class that is both "only" and "never", and a name with control characters', () => {
    const d = draft({ notifications: { nodePools: { only: ['batch', '__proto__'], never: ['__proto__'] } } });
    // what the form may hold before the schema checks it (typed text)
    const first = d.clusters[0];
    if (first) first.notifications.nodeClasses = { only: [], never: ['gpu\u0007'] };
    const errors = settingsErrors(d);
    expect(errors['clusters.0.notifications.nodePools.never']).toContain('__proto__');
    expect(errors['clusters.0.notifications.nodeClasses.never.0']).toBeDefined();
    expect(
      settingsErrors(draft({ notifications: { nodePools: { only: ['web'], never: ['batch'] } } })),
    ).toEqual({});
    const classes = settingsErrors(
      draft({ notifications: { nodeClasses: { only: ['gpu'], never: ['gpu'] } } }),
    );
    expect(classes['clusters.0.notifications.nodeClasses.never']).toBe(
      'A node class cannot be both "only" and "never": gpu.',
    );
  });
});

describe('form helpers', () => {
  it('removes a blank optional text instead of saving ""', () => {
    const cluster: { region?: string } = { region: 'eu' };
    setOptionalText(cluster, 'region', '   ');
    expect('region' in cluster).toBe(false);
    setOptionalText(cluster, 'region', 'us');
    expect(cluster).toEqual({ region: 'us' });
  });

  it('toggles list membership without duplicates', () => {
    const list = ['a'];
    toggleItem(list, 'a', true);
    toggleItem(list, 'b', true);
    toggleItem(list, 'a', false);
    toggleItem(list, 'c', false);
    expect(list).toEqual(['b']);
  });

  it('reads node pool / class names typed comma-separated, and drops an emptied filter', () => {
    expect(parseNameList(' batch, gpu,,batch , constructor ')).toEqual(['batch', 'gpu', 'constructor']);
    const rules: NotificationRules = { muted: false, only: [], never: [] };
    setNameFilter(rules, 'nodePools', 'never', '__proto__, batch');
    expect(rules.nodePools).toEqual({ only: [], never: ['__proto__', 'batch'] });
    expect(Object.keys(rules)).toEqual(['muted', 'only', 'never', 'nodePools']);
    setNameFilter(rules, 'nodePools', 'only', 'web');
    expect(rules.nodePools).toEqual({ only: ['web'], never: ['__proto__', 'batch'] });
    setNameFilter(rules, 'nodePools', 'only', ' ');
    setNameFilter(rules, 'nodePools', 'never', '');
    expect('nodePools' in rules).toBe(false);
  });

  it('moves an address one place and ignores moves out of range', () => {
    const list = ['a', 'b', 'c'];
    moveItem(list, 2, 1);
    expect(list).toEqual(['a', 'c', 'b']);
    moveItem(list, 0, -1);
    moveItem(list, 2, 3);
    expect(list).toEqual(['a', 'c', 'b']);
  });
});
