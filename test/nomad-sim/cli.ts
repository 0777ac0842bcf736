/**
 * `npm run sim -- --servers 3 --clients 1 --regions global,eu --acl --tls --mtls`: starts a simulated
 * cluster, prints every agent (and tokens / PEM paths), then reads one command per line from stdin.
 * stdout carries only the agent list and command replies; Ctrl-C or EOF closes cleanly.
 */
import { regionNames } from './regions.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { HELP, runCommand } from './cli-commands.js';
import { startCluster } from './index.js';
import type { SimCluster, SimOptions } from './types.js';

const USAGE = [
  'usage: sim [--servers N] [--clients N] [--regions a,b | --regions N] [--dc NAME] [--build X.Y.Z] [--acl] [--tls] [--mtls]',
  '           [--nodes N] [--node-dcs dc1,dc2] [--hold MS] [--both-roles] [--shared-ip] [--advertise-any] [--no-expect] [--empty-node-name]',
].join('\n');

function options(): SimOptions {
  const { values } = parseArgs({
    options: {
      servers: { type: 'string', default: '3' },
      clients: { type: 'string', default: '0' },
      nodes: { type: 'string', default: '0' },
      'node-dcs': { type: 'string', default: '' },
      regions: { type: 'string', default: 'global' },
      dc: { type: 'string', default: 'dc1' },
      build: { type: 'string', default: '1.9.3' },
      acl: { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      mtls: { type: 'boolean', default: false },
      hold: { type: 'string', default: '5000' },
      'both-roles': { type: 'boolean', default: false },
      'shared-ip': { type: 'boolean', default: false },
      'advertise-any': { type: 'boolean', default: false },
      'no-expect': { type: 'boolean', default: false },
      'empty-node-name': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n${HELP}\n`);
    process.exit(0);
  }
  const servers = Number(values.servers);
  const clients = Number(values.clients);
  if (!Number.isInteger(servers) || servers < 1 || !Number.isInteger(clients) || clients < 0) {
    throw new Error(`--servers must be >= 1 and --clients >= 0\n${USAGE}`);
  }
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 0) throw new Error(`--nodes must be >= 0\n${USAGE}`);
  const regions = regionNames(values.regions);
  const hold = Number(values.hold);
  if (!Number.isInteger(hold) || hold < 0) throw new Error(`--hold must be a whole number of ms\n${USAGE}`);
  return {
    leaderHoldMs: hold,
    bothRoles: values['both-roles'],
    sharedIp: values['shared-ip'],
    advertiseAny: values['advertise-any'],
    ...(values['no-expect'] ? { bootstrapExpect: null } : {}),
    emptyNodeName: values['empty-node-name'],
    serversPerRegion: servers,
    clients,
    nodes,
    nodeDatacenters: values['node-dcs'].split(',').filter((d) => d !== ''),
    regions,
    datacenter: values.dc,
    build: values.build,
    acl: values.acl,
    tls: values.tls || values.mtls ? { mtls: values.mtls } : false,
  };
}

function banner(c: SimCluster): string {
  const lines = c.agents.map((a) =>
    [(a.fullName || a.name).padEnd(24), a.role.padEnd(7), a.region.padEnd(10), a.url].join(' '),
  );
  if (c.tokens) for (const [k, v] of Object.entries(c.tokens)) lines.push(`token ${k.padEnd(13)} ${v}`);
  if (c.tls) {
    lines.push(`ca-file          ${c.tls.caFile}`);
    lines.push(`client-cert      ${c.tls.clientCertFile}`);
    lines.push(`client-key       ${c.tls.clientKeyFile}`);
    lines.push(`tls-server-name  ${c.tls.serverName}`);
  }
  lines.push('ready (type "help" for commands)');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let opts: SimOptions;
  try {
    opts = options();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const cluster = await startCluster(opts);
  process.stdout.write(`${banner(cluster)}\n`);
  let closing = false;
  const shutdown = async (code: number): Promise<void> => {
    if (closing) return;
    closing = true;
    rl.close();
    await cluster.close();
    process.exit(code);
  };
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    if (closing) return;
    const { reply, quit } = runCommand(cluster, line);
    if (reply !== '') process.stdout.write(`${reply}\n`);
    if (quit) void shutdown(0);
  });
  rl.on('close', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

void main().catch((e: unknown) => {
  process.stderr.write(`nomad-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
