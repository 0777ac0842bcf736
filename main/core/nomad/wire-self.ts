/**
 * `/v1/agent/self` (Nomad HTTP API docs; `AgentSelfRequest` in Nomad's command/agent/agent_endpoint.go): raw
 * schema and the mapper to AgentSelf. Understands both the ≥0.7 `config.Version` object and the ≤0.6 flat
 * strings, and tolerates missing stats sections.
 */
import { own, putOwn } from '../../../common/dict.js';
import { z } from 'zod';
import type { AgentRole, AgentSelf } from '../../../common/nomad-domain.js';
import { RawMemberSchema, str, toMember } from './wire.js';

const enabled = z
  .object({ Enabled: z.boolean().nullish() })
  .nullish()
  .transform((v) => v?.Enabled === true);

const VersionObject = z.object({ Version: str, VersionPrerelease: str, VersionMetadata: str });

const RawConfig = z.object({
  Region: str,
  Datacenter: str,
  NodeName: str,
  Version: z.union([z.string(), VersionObject]).nullish(),
  VersionPrerelease: str,
  VersionMetadata: str,
  Server: enabled,
  Client: enabled,
  ACL: enabled,
});

/** Stats are maps of strings; other scalars are stringified, nested values dropped, null sections skipped. */
const RawStats = z
  .record(z.string(), z.record(z.string(), z.unknown()).nullish())
  .nullish()
  .transform((sections) => {
    const out: Record<string, Record<string, string>> = {};
    for (const [name, section] of Object.entries(sections ?? {})) {
      if (!section) continue;
      const entries = Object.entries(section).filter((e): e is [string, string | number | boolean] =>
        ['string', 'number', 'boolean'].includes(typeof e[1]),
      );
      putOwn(out, name, Object.fromEntries(entries.map(([k, v]) => [k, String(v)])));
    }
    return out;
  });

export const RawSelfSchema = z.object({
  config: RawConfig.nullish().transform((c) => c ?? RawConfig.parse({})),
  member: RawMemberSchema.nullish(),
  stats: RawStats,
});
export type RawSelf = z.output<typeof RawSelfSchema>;

/** The display version like the web UI: Version[-Prerelease][+Metadata], from either config shape. */
export function displayVersion(config: RawSelf['config']): string {
  const v = config.Version;
  const parts =
    typeof v === 'string' || v === null || v === undefined
      ? { version: v ?? '', pre: config.VersionPrerelease, meta: config.VersionMetadata }
      : { version: v.Version, pre: v.VersionPrerelease, meta: v.VersionMetadata };
  return `${parts.version}${parts.pre ? `-${parts.pre}` : ''}${parts.meta ? `+${parts.meta}` : ''}`;
}

/** The role of an agent that runs a server, a client, both or (null) neither. */
export function roleOf(server: boolean, client: boolean): AgentRole | null {
  if (server && client) return 'both';
  return server ? 'server' : client ? 'client' : null;
}

/** Maps a validated self answer; the agent's own member is null for a client-only agent (status `none`). */
export function toAgentSelf(raw: RawSelf): AgentSelf {
  const { config, stats } = raw;
  const mine = raw.member ? toMember(raw.member) : null;
  const member = mine && mine.name !== '' && mine.statusRaw !== 'none' ? mine : null;
  const nomad = own(stats, 'nomad');
  const raft = own(stats, 'raft');
  const client = own(stats, 'client');
  const known = (client && own(client, 'known_servers')) ?? '';
  const isLeader = nomad?.['leader'] !== undefined ? nomad['leader'] === 'true' : null;
  // The agent's own member is its region's leader exactly when stats.nomad.leader says so (never
  // `leader: false` beside `isLeader: true`).
  if (member !== null) member.leader = isLeader === true;
  // ≤ 0.4 reported a count of known servers, not their addresses: no addresses to list.
  const knownIsCount = /^\d+$/.test(known.trim());
  return {
    name: config.NodeName || member?.shortName || '',
    region: config.Region,
    datacenter: config.Datacenter,
    version: displayVersion(config),
    role: roleOf(config.Server || nomad !== undefined, config.Client || client !== undefined) ?? 'client',
    aclEnabled: config.ACL,
    member,
    isLeader,
    leaderAddr: nomad?.['leader_addr'] ?? null,
    raftState: raft?.['state'] ?? null,
    raftLastContact: raft?.['last_contact'] ?? null,
    knownServers: (knownIsCount ? '' : known)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    lastHeartbeat: client?.['last_heartbeat'] ?? null,
    heartbeatTtl: client?.['heartbeat_ttl'] ?? null,
    ...(knownIsCount ? { knownServerCount: Number(known.trim()) } : {}),
    stats: Object.entries(stats).map(([section, values]) => [section, Object.entries(values)]),
  };
}
