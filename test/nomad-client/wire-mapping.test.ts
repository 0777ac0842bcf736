import { afterEach, describe, expect, it } from 'vitest';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { regionsToAsk } from '../../main/core/nomad/leader.js';
import { toMember } from '../../main/core/nomad/wire.js';
import type { NomadClient } from '../../main/core/nomad/index.js';
import { AutopilotSchema, RawMemberSchema, StringListSchema } from '../../main/core/nomad/wire.js';
import { displayVersion, RawSelfSchema, toAgentSelf } from '../../main/core/nomad/wire-self.js';
import { markLeaders, sortMembers } from '../support/member-oracle.js';
import { httpServer } from './helpers/servers.js';
import type { TestServer } from './helpers/servers.js';

const raw = (m: unknown) => RawMemberSchema.parse(m);
const tags = (over: Record<string, string> = {}) => ({
  region: 'global',
  dc: 'dc1',
  build: '1.9.3',
  port: '4647',
  raft_vsn: '3',
  id: 'abc',
  expect: '3',
  ...over,
});

describe('member mapping', () => {
  it('maps an IPv6 member: address unbracketed, rpcAddr bracketed', () => {
    const m = toMember(
      raw({ Name: 'server-1.global', Addr: 'fd00::8', Port: 4648, Tags: tags(), Status: 'alive' }),
    );
    expect(m).toMatchObject({
      name: 'server-1.global',
      shortName: 'server-1',
      address: 'fd00::8',
      serfPort: 4648,
      rpcPort: 4647,
      rpcAddr: '[fd00::8]:4647',
      status: 'alive',
      region: 'global',
      datacenter: 'dc1',
      raftVersion: '3',
      id: 'abc',
      expect: 3,
      voter: true,
      leader: false,
    });
  });

  it('tolerates null Tags / Addr / Name (the zero-value member)', () => {
    const m = toMember(raw({ Name: null, Addr: null, Port: 0, Tags: null, Status: 'none' }));
    expect(m).toMatchObject({
      name: '',
      address: '',
      rpcPort: null,
      rpcAddr: null,
      region: '',
      status: 'none',
      tags: [],
    });
  });

  it('keeps unknown statuses and odd tags', () => {
    const m = toMember(
      raw({
        Name: 'a.eu',
        Addr: '10.0.0.1',
        Port: 4648,
        Tags: tags({ region: 'us', port: 'x', nonvoter: '1', expect: 'NaN' }),
        Status: 'reaping',
      }),
    );
    expect(m).toMatchObject({
      status: 'unknown',
      statusRaw: 'reaping',
      shortName: 'a.eu',
      rpcPort: null,
      rpcAddr: null,
      voter: false,
      expect: null,
    });
  });

  it('leaders: asks non-left regions, marks rpcAddr matches, sorts by region/dc/name', () => {
    const members = [
      toMember(
        raw({ Name: 'b.us', Addr: '10.0.1.2', Port: 4648, Tags: tags({ region: 'us' }), Status: 'alive' }),
      ),
      toMember(
        raw({ Name: 'a.us', Addr: '10.0.1.1', Port: 4648, Tags: tags({ region: 'us' }), Status: 'alive' }),
      ),
      toMember(
        raw({ Name: 'z.eu', Addr: 'fd00::1', Port: 4648, Tags: tags({ region: 'eu' }), Status: 'alive' }),
      ),
      toMember(
        raw({ Name: 'gone.ap', Addr: '10.0.2.1', Port: 4648, Tags: tags({ region: 'ap' }), Status: 'left' }),
      ),
    ];
    expect(regionsToAsk(members)).toEqual(['eu', 'us']);
    const marked = sortMembers(
      markLeaders(members, {
        us: { ok: true, address: '10.0.1.2:4647' },
        eu: { ok: true, address: '[fd00::1]:4647' },
      }),
    );
    expect(marked.map((m) => `${m.name}:${m.leader}`)).toEqual([
      'gone.ap:false',
      'z.eu:true',
      'a.us:false',
      'b.us:true',
    ]);
  });
});

describe('self mapping', () => {
  it('old flat Version strings and missing stats sections', () => {
    const self = toAgentSelf(
      RawSelfSchema.parse({
        config: {
          Region: 'global',
          Datacenter: 'dc1',
          Version: '0.5.5',
          VersionPrerelease: 'dev',
          Server: { Enabled: true },
        },
        member: { Name: 'n1.global', Addr: '10.0.0.1', Port: 4648, Tags: tags(), Status: 'alive' },
        stats: { nomad: { leader: 'false', leader_addr: '10.0.0.2:4647' }, runtime: null },
      }),
    );
    expect(self).toMatchObject({
      version: '0.5.5-dev',
      role: 'server',
      name: 'n1',
      isLeader: false,
      leaderAddr: '10.0.0.2:4647',
      raftState: null,
    });
  });

  it('Version object with metadata; a client-only agent (member none) with known servers', () => {
    const parsed = RawSelfSchema.parse({
      config: {
        Region: 'eu',
        Datacenter: 'dc2',
        NodeName: 'c1',
        Version: { Version: '1.10.0', VersionPrerelease: 'beta', VersionMetadata: 'ent' },
        Client: { Enabled: true },
        ACL: { Enabled: true },
      },
      member: { Name: '', Addr: null, Port: 0, Tags: null, Status: 'none' },
      stats: {
        client: {
          known_servers: '10.0.0.1:4647, 10.0.0.2:4647',
          last_heartbeat: '3s',
          heartbeat_ttl: '12s',
          num_allocations: 4,
        },
      },
    });
    expect(displayVersion(parsed.config)).toBe('1.10.0-beta+ent');
    expect(toAgentSelf(parsed)).toMatchObject({
      name: 'c1',
      role: 'client',
      aclEnabled: true,
      member: null,
      isLeader: null,
      knownServers: ['10.0.0.1:4647', '10.0.0.2:4647'],
      lastHeartbeat: '3s',
      heartbeatTtl: '12s',
      stats: [['client', expect.arrayContaining([['num_allocations', '4']])]],
    });
  });
});

describe('null and missing fields', () => {
  it('autopilot: null text, numbers, booleans and lists read as empty; LastContact is text', () => {
    const a = AutopilotSchema.parse({
      Healthy: false,
      FailureTolerance: null,
      Voters: null,
      Servers: [
        { ID: null, Leader: null, LastContact: 1500, LastTerm: null },
        { Name: 's2', Healthy: true, LastContact: null, LastIndex: 7 },
      ],
    });
    expect(a).toMatchObject({ healthy: false, failureTolerance: 0, leader: '', voters: [] });
    expect(a.servers[0]).toMatchObject({ id: '', leader: false, lastContact: '1500', lastTerm: 0 });
    expect(a.servers[1]).toMatchObject({ name: 's2', healthy: true, lastContact: '', lastIndex: 7 });
    expect(AutopilotSchema.parse({ Healthy: true, Servers: null }).servers).toEqual([]);
  });

  it('each null list is a fresh array (a caller may change it)', () => {
    const first = StringListSchema.parse(null);
    first.push('x');
    expect(StringListSchema.parse(undefined)).toEqual([]);
  });
});

describe('wire quirks over HTTP', () => {
  let server: TestServer | null = null;
  let client: NomadClient | null = null;
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });
  async function serveJson(routes: Record<string, { status?: number; body: string }>): Promise<NomadClient> {
    server = await httpServer((req, res) => {
      const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
      const status = route ? (route.status ?? 200) : 404;
      res.writeHead(status, {
        'content-type': status === 200 ? 'application/json' : 'text/plain; charset=utf-8',
      });
      res.end(route?.body ?? '');
    });
    const c = await createNomadClient({ address: server.url, headersTimeoutMs: 1000 });
    if (!c.ok) throw new Error(c.error.message);
    client = c.value;
    return c.value;
  }

  it('pre-0.5 bare-array members, Members: null, and leader "" → null', async () => {
    const c = await serveJson({
      '/v1/agent/members': {
        body: JSON.stringify([
          { Name: 'a.global', Addr: '10.0.0.1', Port: 4648, Tags: tags(), Status: 'alive' },
        ]),
      },
      '/v1/status/leader': { body: '""' },
    });
    const r = await c.members();
    expect(r.ok && r.value.members.map((m) => m.name)).toEqual(['a.global']);
    expect(r.ok && r.value.leaders).toEqual({ global: { ok: true, address: null } });
    expect(await c.leader()).toEqual({ ok: true, value: null });
  });

  it('Members: null is an empty list', async () => {
    const c = await serveJson({
      '/v1/agent/members': {
        body: '{"ServerName":"s","ServerRegion":"global","ServerDC":"dc1","Members":null}',
      },
    });
    expect(await c.members()).toEqual({
      ok: true,
      value: { serverName: 's', serverRegion: 'global', serverDc: 'dc1', members: [], leaders: {} },
    });
  });

  it('join failure arrives inside a 200 (pre-2.0.4 shape has no warning)', async () => {
    const c = await serveJson({
      '/v1/agent/join': { body: '{"num_joined":0,"error":"1 error occurred:\\n\\t* failed to join"}' },
    });
    expect(await c.join(['10.0.0.9'])).toEqual({
      ok: true,
      value: { numJoined: 0, error: '1 error occurred:\n\t* failed to join', warning: '' },
    });
  });

  it('health 500 that is not health JSON → http error; autopilot 429 with garbage → http error', async () => {
    const c = await serveJson({
      '/v1/agent/health': { status: 500, body: 'internal error' },
      '/v1/operator/autopilot/health': { status: 429, body: 'Too Many Requests' },
    });
    const h = await c.health();
    expect(!h.ok && h.error).toMatchObject({ kind: 'http', status: 500, body: 'internal error' });
    const a = await c.autopilotHealth();
    expect(!a.ok && a.error).toMatchObject({ kind: 'http', status: 429 });
  });

  it('forceLeave sends node and prune=true; setServers repeats address', async () => {
    const c = await serveJson({ '/v1/agent/force-leave': { body: '' }, '/v1/agent/servers': { body: '' } });
    expect(await c.forceLeave('server-3.global', { prune: true })).toEqual({ ok: true, value: undefined });
    expect(await c.setServers(['10.0.0.1:4647', '[fd00::1]:4647'])).toEqual({ ok: true, value: undefined });
    const urls = server?.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`);
    expect(urls).toEqual([
      'PUT /v1/agent/force-leave?node=server-3.global&prune=true',
      'PUT /v1/agent/servers?address=10.0.0.1:4647&address=[fd00::1]:4647',
    ]);
  });
});
