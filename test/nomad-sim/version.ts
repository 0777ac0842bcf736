/**
 * Which Nomad version a simulated agent behaves like, from its `build` string (e.g. `1.9.3`, `0.4.1`,
 * `1.10.0-dev`, `0.5.5dev`): response shapes and behaviours that changed over releases (doc §1, §3, §6, §10).
 */

/** Major, minor, patch of a build string; unparsable parts count as 0. */
export function versionOf(build: string): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(build.trim());
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
}

/** build ≥ major.minor.patch */
export function atLeast(build: string, major: number, minor: number, patch = 0): boolean {
  const [a, b, c] = versionOf(build);
  if (a !== major) return a > major;
  if (b !== minor) return b > minor;
  return c >= patch;
}

/** What the agent's version decides. */
export interface Era {
  /** ≥ 0.5: members is `{ServerName, …, Members}` (before: a bare array; client agents answered 501). */
  membersObject: boolean;
  /** ≥ 0.7: `/v1/agent/health` exists (before: 404) and config.Version is an object (before: flat strings). */
  health: boolean;
  versionObject: boolean;
  /** ≥ 0.5: stats.client.known_servers is a comma-separated list (≤ 0.4: a count). */
  knownServersList: boolean;
  /** ≥ 0.8: tags raft_vsn, id, rpc_addr. */
  raftTags: boolean;
  /** ≥ 1.4.3: the revision tag. */
  revisionTag: boolean;
  /** ≤ 1.2: the legacy mvn tag. */
  mvnTag: boolean;
  /** ≥ 1.6: a client's RPCs wait for its first registration (no timeout) instead of failing `no servers`. */
  clientWaitsForRegistration: boolean;
}

export function eraOf(build: string): Era {
  return {
    membersObject: atLeast(build, 0, 5),
    health: atLeast(build, 0, 7),
    versionObject: atLeast(build, 0, 7),
    knownServersList: atLeast(build, 0, 5),
    raftTags: atLeast(build, 0, 8),
    revisionTag: atLeast(build, 1, 4, 3),
    mvnTag: !atLeast(build, 1, 3),
    clientWaitsForRegistration: atLeast(build, 1, 6),
  };
}
