/**
 * One simulated agent's HTTP(S) listener on 127.0.0.1: routing, ACL token reading, fault injection and
 * socket tracking so that close() always finishes quickly (even with blackholed or streaming sockets).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { AclStore } from './acl.js';
import { readToken } from './acl.js';
import type { ClusterState } from './cluster.js';
import type { Ctx } from './context.js';
import { serveFault } from './faults.js';
import { isHeld, wantsPretty, writeReply, type Answer } from './reply.js';
import { route } from './routes.js';
import type { Fault, SimAgent } from './types.js';

/** Key material for an HTTPS listener; `mtls` requires a client cert signed by `ca`. */
export interface ListenerTls {
  key: string;
  cert: string;
  ca: string;
  mtls: boolean;
}

/** How often a held request is re-checked. */
const HOLD_TICK_MS = 20;

interface ActiveFault {
  fault: Fault;
  paths: string[] | undefined;
}

/** The HTTP side of one agent. */
export class AgentServer {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private faults: ActiveFault[] = [];
  private port = 0;
  private stopped = false;
  private closed = false;
  private listening: Promise<void> = Promise.resolve();

  constructor(
    readonly agent: SimAgent,
    private readonly state: ClusterState,
    private readonly acl: AclStore,
    private readonly tls: ListenerTls | null,
  ) {}

  /** Starts listening on a free port and fills in `agent.url`. */
  async start(): Promise<void> {
    await this.listen(0);
    this.agent.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** Resolves when the listener is up (after start() or a clear() of a stop fault). */
  ready(): Promise<void> {
    return this.listening;
  }

  /** Number of open TCP connections on this listener. */
  openConnections(): number {
    return this.sockets.size;
  }

  /** Adds a fault; `stop` closes the listener at once (connection refused) and drops open sockets. */
  inject(fault: Fault, paths?: string[]): void {
    if (fault.kind === 'stop') {
      this.stopped = true;
      this.server?.close();
      this.server = null;
      this.dropSockets();
      return;
    }
    this.faults.push({ fault, paths });
  }

  /** Removes every fault; a stopped listener listens again on the same port. */
  clear(): void {
    this.faults = [];
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.stopped && !this.closed) {
      this.stopped = false;
      this.listening = this.listen(this.port);
    }
  }

  /** Stops everything: timers, sockets (blackholed ones too) and the listener. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.listening.catch(() => undefined);
    const srv = this.server;
    this.server = null;
    const done = srv ? new Promise<void>((resolve) => srv.close(() => resolve())) : Promise.resolve();
    this.dropSockets();
    await done;
  }

  private dropSockets(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private listen(port: number): Promise<void> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => this.onRequest(req, res);
    const srv = this.tls
      ? https.createServer(
          {
            key: this.tls.key,
            cert: this.tls.cert,
            ca: this.tls.ca,
            requestCert: this.tls.mtls,
            rejectUnauthorized: this.tls.mtls,
            minVersion: 'TLSv1.2',
          },
          handler,
        )
      : http.createServer(handler);
    srv.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    srv.on('clientError', (_e, s) => s.destroy());
    srv.on('tlsClientError', () => undefined);
    this.server = srv;
    return new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        if (addr !== null && typeof addr === 'object') this.port = addr.port;
        resolve();
      });
    });
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Writes an answer; a held one is retried every HOLD_TICK_MS until it answers or its limit passes. */
  private deliver(req: http.IncomingMessage, res: http.ServerResponse, a: Answer, since: number): void {
    if (res.destroyed) return;
    if (!isHeld(a)) {
      writeReply(req, res, a);
      return;
    }
    this.later(HOLD_TICK_MS, () => {
      if (res.destroyed) return;
      if (a.limitMs !== null && Date.now() - since >= a.limitMs) {
        writeReply(req, res, a.expire());
        return;
      }
      const next = a.retry();
      this.deliver(req, res, next ?? a, since);
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    const answer = (): void => {
      if (res.destroyed) return;
      const ctx: Ctx = {
        agent: this.agent,
        state: this.state,
        acl: this.acl,
        method: req.method ?? 'GET',
        path,
        query,
        token: readToken(req.headers),
        pretty: wantsPretty(query),
        tls: { enabled: this.tls !== null, mtls: this.tls?.mtls ?? false },
        port: this.port,
      };
      this.deliver(req, res, route(ctx), Date.now());
    };
    const active = [...this.faults].reverse().find((f) => f.paths === undefined || f.paths.includes(path));
    if (active && active.fault.kind !== 'stop') {
      serveFault(active.fault, req, res, answer, (ms, fn) => this.later(ms, fn));
      return;
    }
    answer();
  }
}
