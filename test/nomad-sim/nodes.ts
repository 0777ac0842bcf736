/**
 * The simulated cluster's client nodes: Nomad's `nodes` state-store table (doc §7 `/v1/nodes`). Every write
 * takes the next raft index and stamps it as the table's index and the node's ModifyIndex, like a raft apply
 * does; blocking `/v1/nodes` requests wait for the table index to pass theirs. No I/O here.
 */
import { randomUUID } from 'node:crypto';

/** Node statuses Nomad uses (structs.NodeStatus*); any other string may be set for hostile tests. */
export type NodeStatus = 'initializing' | 'ready' | 'down' | 'disconnected';

/** Nomad's DrainMetadata as the node list stub carries it. */
export interface DrainMeta {
  StartedAt: string;
  UpdatedAt: string;
  Status: 'draining' | 'complete' | 'canceled';
  AccessorID: string;
  Meta: Record<string, string> | null;
}

/** One client node row. */
export interface NodeRecord {
  id: string;
  name: string;
  address: string;
  datacenter: string;
  nodePool: string;
  nodeClass: string;
  version: string;
  status: string;
  statusDescription: string;
  eligibility: 'eligible' | 'ineligible';
  drain: boolean;
  lastDrain: DrainMeta | null;
  createIndex: number;
  modifyIndex: number;
}

/** How a new node is made. */
export interface NewNode {
  name: string;
  datacenter: string;
  nodePool?: string;
  nodeClass?: string;
  address?: string;
}

const DRIVER_TIME = '2024-11-15T10:00:00Z';

/** The `nodes` table plus the cluster's raft index. */
export class NodeTable {
  private readonly rows = new Map<string, NodeRecord>();
  private readonly byName = new Map<string, string>();
  /** The last raft index applied (any table). */
  private raft: number;
  /** The `nodes` table's index: the raft index of its last write. */
  index = 0;
  /** /v1/nodes requests served so far: plain reads and blocking queries (index > 0). */
  readonly queries = { plain: 0, blocking: 0 };

  constructor(
    private readonly version: string,
    startIndex = 10,
  ) {
    this.raft = startIndex;
  }

  /** Number of nodes. */
  get size(): number {
    return this.rows.size;
  }

  /** Every node sorted by ID (memdb's id index order). */
  list(): NodeRecord[] {
    return [...this.rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A node by exact name or full ID; throws when unknown. */
  get(nameOrId: string): NodeRecord {
    const id = this.byName.get(nameOrId) ?? nameOrId;
    const row = this.rows.get(id);
    if (!row) throw new Error(`nomad-sim: unknown node "${nameOrId}"`);
    return row;
  }

  /** Whether a node of that name exists. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Registers a node (status ready, eligible) in one raft apply. */
  add(spec: NewNode): NodeRecord {
    return this.addMany([spec])[0] as NodeRecord;
  }

  /** Registers several nodes in ONE raft apply (one index for all, like a batch of registrations). */
  addMany(specs: readonly NewNode[]): NodeRecord[] {
    const index = this.bump();
    const out: NodeRecord[] = [];
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`nomad-sim: node "${spec.name}" exists`);
      const row: NodeRecord = {
        id: randomUUID(),
        name: spec.name,
        address:
          spec.address ??
          `10.${(this.rows.size >> 16) & 255}.${(this.rows.size >> 8) & 255}.${this.rows.size & 255}`,
        datacenter: spec.datacenter,
        nodePool: spec.nodePool ?? 'default',
        nodeClass: spec.nodeClass ?? '',
        version: this.version,
        status: 'ready',
        statusDescription: '',
        eligibility: 'eligible',
        drain: false,
        lastDrain: null,
        createIndex: index,
        modifyIndex: index,
      };
      this.rows.set(row.id, row);
      this.byName.set(row.name, row.id);
      out.push(row);
    }
    return out;
  }

  /** Node.Deregister / GC: the row is gone. */
  remove(nameOrId: string): void {
    const row = this.get(nameOrId);
    this.bump();
    this.rows.delete(row.id);
    this.byName.delete(row.name);
  }

  /** Node.UpdateStatus: `down` after missed heartbeats, `disconnected` (1.3+), `ready` again, or any string. */
  setStatus(nameOrId: string, status: string, description = ''): NodeRecord {
    return this.write(nameOrId, (row) => {
      row.status = status;
      row.statusDescription = description;
    });
  }

  /** Node.UpdateEligibility. */
  setEligibility(nameOrId: string, eligible: boolean): NodeRecord {
    return this.write(nameOrId, (row) => {
      row.eligibility = eligible ? 'eligible' : 'ineligible';
    });
  }

  /** Node.UpdateDrain: a drain starts (the node becomes ineligible, LastDrain draining). */
  startDrain(nameOrId: string): NodeRecord {
    return this.write(nameOrId, (row) => {
      const now = new Date().toISOString();
      row.drain = true;
      row.eligibility = 'ineligible';
      row.lastDrain = { StartedAt: now, UpdatedAt: now, Status: 'draining', AccessorID: '', Meta: null };
    });
  }

  /** The drain ends: `complete` (the node stays ineligible, as Nomad leaves it) or `canceled`. */
  endDrain(nameOrId: string, how: 'complete' | 'canceled' = 'complete'): NodeRecord {
    return this.write(nameOrId, (row) => {
      row.drain = false;
      const now = new Date().toISOString();
      row.lastDrain = {
        StartedAt: row.lastDrain?.StartedAt ?? now,
        UpdatedAt: now,
        Status: how,
        AccessorID: '',
        Meta: null,
      };
    });
  }

  /**
   * A snapshot restore (or a fresh cluster at the same address): the raft index, and so the table's index,
   * goes back to `to`. Clients must reset their blocking index when they see it go backwards.
   */
  rewind(to: number): void {
    this.raft = Math.max(1, to);
    this.index = this.raft;
    for (const row of this.rows.values()) {
      row.createIndex = Math.min(row.createIndex, this.raft);
      row.modifyIndex = Math.min(row.modifyIndex, this.raft);
    }
  }

  /** The index a response carries: never below 1 (Nomad raises a zero index to 1). */
  replyIndex(): number {
    return Math.max(1, this.index);
  }

  private write(nameOrId: string, change: (row: NodeRecord) => void): NodeRecord {
    const row = this.get(nameOrId);
    change(row);
    row.modifyIndex = this.bump();
    return row;
  }

  private bump(): number {
    this.raft += 1;
    this.index = this.raft;
    return this.raft;
  }
}

/** The `NodeListStub` JSON of a node (nomad/structs NodeListStub, api.NodeListStub). */
export function nodeStubJson(row: NodeRecord): Record<string, unknown> {
  return {
    Address: row.address,
    ID: row.id,
    Datacenter: row.datacenter,
    Name: row.name,
    NodeClass: row.nodeClass,
    NodePool: row.nodePool,
    Version: row.version,
    Drain: row.drain,
    SchedulingEligibility: row.eligibility,
    Status: row.status,
    StatusDescription: row.statusDescription,
    Drivers: {
      docker: {
        Attributes: { 'driver.docker': 'true' },
        Detected: true,
        Healthy: true,
        HealthDescription: 'Healthy',
        UpdateTime: DRIVER_TIME,
      },
      exec: {
        Attributes: { 'driver.exec': 'true' },
        Detected: true,
        Healthy: true,
        HealthDescription: 'Healthy',
        UpdateTime: DRIVER_TIME,
      },
    },
    HostVolumes: null,
    LastDrain: row.lastDrain,
    CreateIndex: row.createIndex,
    ModifyIndex: row.modifyIndex,
  };
}
