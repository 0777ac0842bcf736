/**
 * Nomad's raw PascalCase / snake_case JSON (zod schemas, tolerant of the `null`s Nomad's encoder emits) and the
 * mappers to common/nomad-domain.ts values. The only file that knows Nomad field names (Nomad HTTP API docs;
 * handlers in Nomad's command/agent/*_endpoint.go).
 */
import { z } from 'zod';
import type { AgentHealth, JoinResult, Member } from '../../../common/nomad-domain.js';
import { KNOWN_MEMBER_STATUSES } from '../../../common/nomad-domain.js';
import { joinHostPort } from '../../../common/addresses.js';

/** A field Go's encoder writes as null (a nil value) and older versions omit: both read as `empty`. */
const orEmpty = <T>(schema: z.ZodType<T>, empty: () => T) => schema.nullish().transform((v) => v ?? empty());
/** A Nomad text field ('' when null or missing). */
export const str = orEmpty(z.string(), () => '');
/** A list (a fresh [] when null or missing). */
const listOf = <T>(item: z.ZodType<T>) => orEmpty(z.array(item), () => []);
/** Peers, regions, a client's server list, autopilot voters. */
export const StringListSchema = listOf(z.string());

/**
 * Serf tags: a plain object whose every own value is a string. Every own key is kept as it is, `__proto__`
 * included (JSON.parse makes it an own key; a tag name is data, and zod's record would silently drop it).
 */
function isTagRecord(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(v)) if (typeof (v as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

/**
 * One serf member as Nomad encodes it (`Tags`/`Addr` may be null on a client's zero-value member). Checks
 * only: the defaults for null or missing fields are toMember's, so a member costs one object check (a
 * transform per field made every poll's members several times dearer to validate).
 */
export const RawMemberSchema = z.object({
  Name: z.string().nullish(),
  Addr: z.string().nullish(),
  Port: z.number().nullish(),
  Tags: z
    .custom<Record<string, string> | null | undefined>(
      (v) => v === null || v === undefined || isTagRecord(v),
      { message: 'expected an object of strings' },
    )
    .optional(),
  Status: z.union([z.string(), z.number()]).nullish(),
});

/** `/v1/agent/members`: the ≥0.5 object, or the ≤0.4 bare array. */
export const RawMembersSchema = z.union([
  z.object({
    ServerName: str,
    ServerRegion: str,
    ServerDC: str,
    Members: listOf(RawMemberSchema),
  }),
  z
    .array(RawMemberSchema)
    .transform((Members) => ({ ServerName: '', ServerRegion: '', ServerDC: '', Members })),
]);

/** A status as Nomad wrote it when `known` lists it, else 'unknown' (callers keep the raw text beside it). */
export function statusReader<S extends string>(known: readonly S[]): (raw: string) => S | 'unknown' {
  const set: ReadonlySet<string> = new Set(known);
  return (raw) => (set.has(raw) ? (raw as S) : 'unknown');
}

const statusOf = statusReader(KNOWN_MEMBER_STATUSES);

/** A whole number written as text (a serf tag, an X-Nomad-* header), or null. */
export function intOrNull(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** `name` without its `.<region>` suffix (unchanged when the region is empty or not the suffix). */
function shortNameOf(name: string, region: string): string {
  if (region === '') return name;
  const cut = name.length - region.length - 1;
  return cut >= 0 && name.charCodeAt(cut) === 46 && name.endsWith(region) ? name.slice(0, cut) : name;
}

/**
 * Normalises one raw member (null or missing: '' for text, 0 for the port, no tags); `leader` starts false
 * and is computed later from the leader lookups.
 */
export function toMember(raw: z.output<typeof RawMemberSchema>): Member {
  const name = raw.Name ?? '';
  const addr = raw.Addr ?? '';
  const port = raw.Port ?? 0;
  const tags = raw.Tags ?? {};
  const statusRaw = raw.Status === null || raw.Status === undefined ? '' : String(raw.Status);
  const region = tags['region'] ?? '';
  const rpcPort = intOrNull(tags['port']);
  return {
    name,
    shortName: shortNameOf(name, region),
    address: addr,
    serfPort: Number.isInteger(port) ? port : 0,
    rpcPort,
    rpcAddr: addr !== '' && rpcPort !== null ? joinHostPort(addr, rpcPort) : null,
    status: statusOf(statusRaw),
    statusRaw,
    region,
    datacenter: tags['dc'] ?? '',
    build: tags['build'] ?? '',
    raftVersion: tags['raft_vsn'] ?? null,
    id: tags['id'] ?? null,
    expect: intOrNull(tags['expect']),
    voter: tags['nonvoter'] !== '1',
    leader: false,
    tags: Object.entries(tags),
  };
}

/** `/v1/agent/members` validated and mapped: RawMembersSchema (same checks, same errors), members as Members. */
export const MembersSchema = RawMembersSchema.transform((r) => ({ ...r, Members: r.Members.map(toMember) }));

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of `nomad server members`: region, datacenter, then name. */
export function compareMembers(a: Member, b: Member): number {
  return cmp(a.region, b.region) || cmp(a.datacenter, b.datacenter) || cmp(a.name, b.name);
}

/** `/v1/status/leader`: a JSON string, "" meaning no leader. */
export const LeaderSchema = z.string().transform((s) => (s === '' ? null : s));

/** `/v1/agent/join`: failure is inside a 200; `warning` exists since v2.0.4. */
export const JoinSchema = z
  .object({ num_joined: z.number().int(), error: str, warning: str })
  .transform((j): JoinResult => ({ numJoined: j.num_joined, error: j.error, warning: j.warning }));

const HealthCheck = z.object({ ok: z.boolean(), message: str });
/** `/v1/agent/health`; at least one role must be present (so an unrelated JSON body is not "healthy"). */
export const HealthSchema = z
  .object({ client: HealthCheck.optional(), server: HealthCheck.optional() })
  .refine((h) => h.client !== undefined || h.server !== undefined, { message: 'no client or server entry' })
  .transform((h): AgentHealth => ({
    ...(h.client ? { client: h.client } : {}),
    ...(h.server ? { server: h.server } : {}),
  }));

const num = orEmpty(z.number(), () => 0);
const bool = orEmpty(z.boolean(), () => false);
const AutopilotServer = z.object({
  ID: str,
  Name: str,
  Address: str,
  SerfStatus: str,
  Version: str,
  Leader: bool,
  Voter: bool,
  Healthy: bool,
  LastContact: orEmpty(z.union([z.string(), z.number()]), () => '').transform(String),
  LastTerm: num,
  LastIndex: num,
  StableSince: str,
});
/** `/v1/operator/autopilot/health` (200 healthy, 429 unhealthy: same body). */
export const AutopilotSchema = z
  .object({
    Healthy: z.boolean(),
    FailureTolerance: num,
    Leader: str,
    Voters: StringListSchema,
    Servers: listOf(AutopilotServer),
  })
  .transform((a) => ({
    healthy: a.Healthy,
    failureTolerance: a.FailureTolerance,
    leader: a.Leader,
    voters: a.Voters,
    servers: a.Servers.map((s) => ({
      id: s.ID,
      name: s.Name,
      address: s.Address,
      serfStatus: s.SerfStatus,
      version: s.Version,
      leader: s.Leader,
      voter: s.Voter,
      healthy: s.Healthy,
      lastContact: s.LastContact,
      lastTerm: s.LastTerm,
      lastIndex: s.LastIndex,
      stableSince: s.StableSince,
    })),
  }));
