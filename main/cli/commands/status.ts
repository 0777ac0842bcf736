/** `status`: one poll of every target cluster (failing over between its addresses), state line + members table. */
import type { ClusterSnapshot, ClusterStateKind } from '../../../common/domain.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import { STATES } from '../../../common/state-table.js';
import { displayState } from '../../core/engine/index.js';
import { EXIT, meaningOf, type NomadClient } from '../../core/nomad/index.js';
import {
  BLIND_AFTER_FAILURES,
  configErrorSnapshot,
  failover,
  isOutage,
  pollCluster,
  summarize,
} from '../../core/poller/index.js';
import type { CliArgs } from '../args.js';
import { cliClientFactory, type CliContext } from '../context.js';
import { statusEntry, statusText } from '../format.js';
import { statusBarDocument } from '../statusbar.js';
import type { CliIo } from '../io.js';
import { reportAnswered } from './agent.js';

/** One poll's snapshot, whether an address answered, and the addresses that did not (with why). */
interface Polled {
  snapshot: ClusterSnapshot;
  answered: boolean;
  skipped: { address: string; message: string }[];
}

/** Polls one cluster once through the shared failover routine: its addresses in order until one answers. */
async function pollOnce(cluster: ClusterSettings, ctx: CliContext): Promise<Polled> {
  const factory = cliClientFactory();
  const token = await ctx.tokenFor(cluster);
  const first = cluster.addresses[0] ?? '';
  if (!token.ok)
    return {
      snapshot: configErrorSnapshot(cluster.id, first, Date.now(), { kind: 'config', message: token.error }),
      answered: false,
      skipped: [],
    };
  const outcome = await failover({
    addresses: cluster.addresses,
    attempt: async (index, address) => {
      const client = await factory(cluster, index, token.value);
      if (!client.ok) return configErrorSnapshot(cluster.id, address, Date.now(), client.error);
      try {
        const polled = await pollCluster(client.value, {
          clusterId: cluster.id,
          now: Date.now(),
          lastSelf: null,
        });
        return await withNodes(client.value, polled.snapshot);
      } finally {
        await client.value.close();
      }
    },
    isOutage,
  });
  const skipped = outcome.skipped.map((s) => ({ address: s.address, message: s.value.error?.message ?? '' }));
  if (outcome.answered) return { snapshot: outcome.attempt.value, answered: true, skipped };
  return {
    snapshot:
      outcome.skipped[0]?.value ??
      configErrorSnapshot(cluster.id, '', Date.now(), { kind: 'config', message: 'no address' }),
    answered: false,
    skipped,
  };
}

/**
 * A good poll plus one plain read of the client nodes (what the app's node watcher would show): nodes down or
 * not visible (e.g. a token without node:read) are reasons in the state, never green while blind.
 */
async function withNodes(client: NomadClient, snapshot: ClusterSnapshot): Promise<ClusterSnapshot> {
  if (snapshot.error !== null || snapshot.members === null) return snapshot;
  const read = await client.nodes({ stale: true });
  const time = Date.now();
  const nodes = summarize(
    null,
    read.ok
      ? { ok: true, page: read.value, changed: true, mode: 'polling', time }
      : { ok: false, error: read.error, failures: BLIND_AFTER_FAILURES, mode: 'polling', time },
  );
  return { ...snapshot, nodes };
}

/** The exit code for a set of states: the highest of their rows' (2 when any could not be read, 1 when any is bad). */
export function exitFor(states: readonly ClusterStateKind[]): number {
  return Math.max(EXIT.ok, ...states.map((s) => EXIT[STATES[s].exit]));
}

export async function statusCommand(args: CliArgs, ctx: CliContext, io: CliIo): Promise<number> {
  const results = await Promise.all(
    ctx.targets.map(async (cluster) => {
      const { snapshot, answered, skipped } = await pollOnce(cluster, ctx);
      const s = displayState(
        snapshot,
        snapshot.error === null ? snapshot : null,
        Date.now(),
        cluster.pollIntervalMs,
        ctx.settings.global,
        false,
      );
      return { cluster, snapshot, answered, skipped, state: s };
    }),
  );
  if (args.format !== undefined) {
    // A status bar reads the state from the document; the exit code stays 0 so the bar keeps showing it.
    const bar = results.map((r) => ({ ...r.state, name: r.cluster.name }));
    io.out(statusBarDocument(args.format, bar));
    return EXIT.ok;
  }
  // Like every other command: stderr says which addresses did not answer, and which one did (or that none
  // did). Not for a status bar above: it shows stdout only.
  for (const { answered, cluster, skipped, snapshot } of results) {
    if (answered) reportAnswered({ value: snapshot, address: snapshot.address, skipped }, io);
    else if (skipped.length > 1) {
      const why = skipped.map((s) => `${s.address} (${s.message})`).join(', ');
      io.err(`${cluster.name}: no address answered: ${why}`);
    }
  }
  const entries = results.map((r) =>
    statusEntry(r.cluster.name, r.snapshot, r.state.state, r.state.quorum, r.state.reasons),
  );
  if (args.json) io.out(JSON.stringify({ clusters: entries }));
  else io.out(results.map((r, i) => statusText(entries[i] ?? entries[0]!, r.snapshot)).join('\n\n'));
  // A cluster that could not even be asked (token or CA file unreadable) is a configuration error (78).
  if (results.some((r) => r.snapshot.error !== null && meaningOf(r.snapshot.error).exit === EXIT.config))
    return EXIT.config;
  return exitFor(results.map((r) => r.state.state));
}
