/**
 * The simulator console's command interpreter: one text line in, one reply out. Kept apart from cli.ts so
 * the parsing can be tested without spawning a process.
 */
import type { SimCluster, SimTokens } from './types.js';

/** Help text listing every console command. */
export const HELP = [
  'commands:',
  '  fail NAME            member -> failed',
  '  recover NAME         member -> alive',
  '  leave NAME           graceful leave: leaving, then left',
  '  leader REGION NAME   make NAME the leader of REGION ("none" = no leader)',
  '  blackhole NAME       agent accepts connections but never answers',
  '  stop NAME            agent listener closed (connection refused)',
  '  delay NAME MS        agent answers after MS milliseconds',
  '  clear NAME           remove faults (restarts a stopped listener on the same port)',
  '  status NAME RAW      set any raw serf status string',
  '  revoke TOKEN         revoke an ACL token (secret or its role name, e.g. agentRead)',
  '  hold MS              hold leader-bound requests MS ms (+ jitter) while a region has no leader',
  '  noservers NAME       client loses its servers (health "no known servers"; RPCs fail or wait)',
  '  unregister NAME      client never registered: from 1.6 its members/leader calls block',
  "  servers NAME [ADDR]  set a client's servers (rpc ip:port; none given = its region's servers)",
  '  view SERVER MEMBER STATUS  SERVER\'s own gossip view shows MEMBER as STATUS ("absent" = missing)',
  '  viewleader SERVER NAME     SERVER believes NAME leads its region ("none" = no leader)',
  "  converge             every server's view equals the shared one again",
  '  members              print every gossip member and its status',
  '  node-down NAME       client node -> down (missed heartbeats)',
  '  node-disconnect NAME client node -> disconnected',
  '  node-up NAME         client node -> ready',
  '  drain NAME           start draining a node (it becomes ineligible)',
  '  drain-done NAME      the drain completes (the node stays ineligible)',
  '  eligible NAME        node eligible for scheduling',
  '  ineligible NAME      node ineligible for scheduling',
  '  add-nodes N [DC]     register N more nodes (node-<n>...), in one raft apply',
  '  remove-node NAME     deregister a node',
  '  node-index N         snapshot restore: the nodes index goes back to N',
  '  nodes                count nodes by status and print the nodes index',
  '  help                 this text',
  '  quit                 close the cluster and exit',
].join('\n');

const NODE_STATUS = new Map([
  ['node-down', 'down'],
  ['node-disconnect', 'disconnected'],
  ['node-up', 'ready'],
]);

/** Outcome of one console line. */
export interface CommandResult {
  reply: string;
  quit: boolean;
}

function describe(cluster: SimCluster, name: string): string {
  const a = cluster.agent(name);
  return a.fullName !== '' ? a.fullName : a.name;
}

function tokenSecret(tokens: SimTokens | null, word: string): string {
  if (tokens && Object.hasOwn(tokens, word)) return tokens[word as keyof SimTokens];
  return word;
}

/** Runs one console command against the cluster; bad input gives an `error:` reply plus the help. */
export function runCommand(cluster: SimCluster, line: string): CommandResult {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  const done = (reply: string): CommandResult => ({ reply, quit: false });
  const need = (n: number, usage: string): void => {
    if (args.length !== n) throw new Error(`usage: ${usage}`);
  };
  const a0 = (): string => args[0] ?? '';
  try {
    switch (cmd) {
      case '':
        return done('');
      case 'fail':
        need(1, 'fail NAME');
        cluster.fail(a0());
        return done(`${describe(cluster, a0())} is now failed`);
      case 'recover':
        need(1, 'recover NAME');
        cluster.recover(a0());
        return done(`${describe(cluster, a0())} is now alive`);
      case 'leave':
        need(1, 'leave NAME');
        cluster.leave(a0());
        return done(`${describe(cluster, a0())} is leaving`);
      case 'leader': {
        need(2, 'leader REGION NAME|none');
        const who = args[1] ?? '';
        cluster.setLeader(a0(), who === 'none' ? null : who);
        return done(
          who === 'none' ? `region ${a0()} has no leader` : `${describe(cluster, who)} leads ${a0()}`,
        );
      }
      case 'blackhole':
        need(1, 'blackhole NAME');
        cluster.inject(a0(), { kind: 'blackhole' });
        return done(`${describe(cluster, a0())} now blackholes HTTP requests`);
      case 'stop':
        need(1, 'stop NAME');
        cluster.inject(a0(), { kind: 'stop' });
        return done(`${describe(cluster, a0())} HTTP listener stopped`);
      case 'delay': {
        need(2, 'delay NAME MS');
        const ms = Number(args[1]);
        if (!Number.isInteger(ms) || ms < 0) throw new Error('usage: delay NAME MS (MS a whole number)');
        cluster.inject(a0(), { kind: 'delay', ms });
        return done(`${describe(cluster, a0())} answers after ${ms} ms`);
      }
      case 'clear':
        need(1, 'clear NAME');
        cluster.clear(a0());
        return done(`${describe(cluster, a0())} faults cleared`);
      case 'status':
        need(2, 'status NAME RAW');
        cluster.setStatus(a0(), args[1] ?? '');
        return done(`${describe(cluster, a0())} status is now ${args[1] ?? ''}`);
      case 'revoke':
        need(1, 'revoke TOKEN');
        if (!cluster.tokens) throw new Error('ACLs are off (start with --acl)');
        cluster.revokeToken(tokenSecret(cluster.tokens, a0()));
        return done(`token ${a0()} revoked`);
      case 'hold': {
        need(1, 'hold MS');
        const ms = Number(a0());
        if (!Number.isInteger(ms) || ms < 0) throw new Error('usage: hold MS (MS a whole number)');
        cluster.setLeaderHold(ms);
        return done(`leader-bound requests are held ${ms} ms while a region has no leader`);
      }
      case 'noservers':
      case 'unregister':
        need(1, `${cmd} NAME`);
        cluster.setClientServers(a0(), [], { registered: cmd === 'noservers' });
        return done(
          `${describe(cluster, a0())} has no servers${cmd === 'unregister' ? ' and never registered' : ''}`,
        );
      case 'servers': {
        if (args.length < 1) throw new Error('usage: servers NAME [RPCADDR...]');
        const list =
          args.length > 1 ? args.slice(1) : cluster.servers(cluster.agent(a0()).region).map((s) => s.rpcAddr);
        cluster.setClientServers(a0(), list);
        return done(`${describe(cluster, a0())} servers: ${list.join(', ')}`);
      }
      case 'view':
        need(3, 'view SERVER MEMBER STATUS|absent');
        cluster.setView(a0(), args[1] ?? '', args[2] ?? '');
        return done(
          `${describe(cluster, a0())} sees ${describe(cluster, args[1] ?? '')} as ${args[2] ?? ''}`,
        );
      case 'viewleader': {
        need(2, 'viewleader SERVER NAME|none');
        const who = args[1] ?? '';
        cluster.setViewLeader(a0(), who === 'none' ? null : who);
        return done(
          `${describe(cluster, a0())} believes the leader is ${who === 'none' ? 'nobody' : describe(cluster, who)}`,
        );
      }
      case 'converge':
        cluster.converge();
        return done('every server sees the same members and leader again');
      case 'members':
        return done(
          cluster
            .memberNames()
            .sort()
            .map((n) => `${n}=${cluster.memberStatus(n) ?? 'gone'}`)
            .join(' '),
        );
      case 'node-down':
      case 'node-disconnect':
      case 'node-up': {
        need(1, `${cmd} NAME`);
        const status = NODE_STATUS.get(cmd) ?? 'ready';
        cluster.setNodeStatus(a0(), status);
        return done(`node ${a0()} is now ${status}`);
      }
      case 'drain':
        need(1, 'drain NAME');
        cluster.drainNode(a0());
        return done(`node ${a0()} is draining`);
      case 'drain-done':
        need(1, 'drain-done NAME');
        cluster.endDrain(a0());
        return done(`node ${a0()} finished draining`);
      case 'eligible':
      case 'ineligible':
        need(1, `${cmd} NAME`);
        cluster.setNodeEligibility(a0(), cmd === 'eligible');
        return done(`node ${a0()} is now ${cmd}`);
      case 'add-nodes': {
        if (args.length < 1 || args.length > 2) throw new Error('usage: add-nodes N [DC]');
        const n = Number(a0());
        if (!Number.isInteger(n) || n < 1 || n > 100_000)
          throw new Error('usage: add-nodes N [DC] (1..100000)');
        const names = cluster.addNodes(n, args[1] !== undefined ? { datacenter: args[1] } : {});
        return done(`added ${names.length} nodes (${names[0] ?? ''}..${names[names.length - 1] ?? ''})`);
      }
      case 'remove-node':
        need(1, 'remove-node NAME');
        cluster.removeNode(a0());
        return done(`node ${a0()} removed`);
      case 'node-index': {
        need(1, 'node-index N');
        const n = Number(a0());
        if (!Number.isInteger(n) || n < 1) throw new Error('usage: node-index N (N >= 1)');
        cluster.rewindNodeIndex(n);
        return done(`nodes index is now ${cluster.nodeIndex()}`);
      }
      case 'nodes': {
        const counts = new Map<string, number>();
        for (const name of cluster.nodeNames()) {
          const st = cluster.node(name).status;
          counts.set(st, (counts.get(st) ?? 0) + 1);
        }
        const parts = [...counts].sort().map(([k, v]) => `${k}=${v}`);
        return done(`${parts.join(' ') || 'no nodes'} index=${cluster.nodeIndex()}`);
      }
      case 'help':
        return done(HELP);
      case 'quit':
      case 'exit':
        return { reply: 'bye', quit: true };
      default:
        throw new Error(`unknown command "${cmd}"`);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return done(`error: ${msg}\n${HELP}`);
  }
}
