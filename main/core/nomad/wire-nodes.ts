/**
 * `/v1/nodes` NodeListStub JSON (nomad/structs NodeListStub; tolerant of the `null`s and of fields older Nomad
 * versions lack, e.g. NodePool before 1.6) and its mapper to common/nomad-domain.ts `NomadNode`. Validated once,
 * where the answer enters.
 */
import { z } from 'zod';
import { KNOWN_NODE_STATUSES, type NomadNode } from '../../../common/nomad-domain.js';
import { statusReader, str } from './wire.js';

const RawDriverSchema = z
  .object({ Detected: z.boolean().nullish(), Healthy: z.boolean().nullish() })
  .nullable();

/**
 * Drivers: an object keyed by driver name. Every own key is kept (a driver name is data, `__proto__` included;
 * zod's record would drop it), each value checked.
 */
const DriversSchema = z
  .unknown()
  .nullish()
  .transform((v, ctx) => {
    const out: NomadNode['drivers'] = [];
    if (v === null || v === undefined) return out;
    if (typeof v !== 'object' || Array.isArray(v)) {
      ctx.addIssue({ code: 'custom', message: 'Drivers is not an object' });
      return z.NEVER;
    }
    for (const name of Object.keys(v)) {
      const d = RawDriverSchema.safeParse((v as Record<string, unknown>)[name]);
      if (!d.success) {
        ctx.addIssue({ code: 'custom', message: `Drivers entry is not a driver` });
        return z.NEVER;
      }
      out.push({ name, detected: d.data?.Detected === true, healthy: d.data?.Healthy === true });
    }
    return out;
  });

const index = z.number().int().nonnegative();

export const RawNodeSchema = z.object({
  ID: z.string().min(1),
  Name: str,
  Address: str,
  Datacenter: str,
  NodePool: str,
  NodeClass: str,
  Version: str,
  Drain: z.boolean().nullish(),
  SchedulingEligibility: str,
  Status: str,
  StatusDescription: str,
  Drivers: DriversSchema,
  LastDrain: z.object({ Status: str, StartedAt: str, UpdatedAt: str }).nullish(),
  CreateIndex: index,
  ModifyIndex: index,
});

export const RawNodesSchema = z.array(RawNodeSchema).nullable();

const statusOf = statusReader(KNOWN_NODE_STATUSES);

export function toNode(raw: z.output<typeof RawNodeSchema>): NomadNode {
  return {
    id: raw.ID,
    name: raw.Name,
    address: raw.Address,
    datacenter: raw.Datacenter,
    nodePool: raw.NodePool === '' ? 'default' : raw.NodePool,
    nodeClass: raw.NodeClass,
    version: raw.Version,
    status: statusOf(raw.Status),
    statusRaw: raw.Status,
    statusDescription: raw.StatusDescription,
    eligible: raw.SchedulingEligibility === 'eligible',
    drain: raw.Drain === true,
    lastDrain: raw.LastDrain
      ? {
          status: raw.LastDrain.Status,
          startedAt: raw.LastDrain.StartedAt,
          updatedAt: raw.LastDrain.UpdatedAt,
        }
      : null,
    drivers: raw.Drivers,
    createIndex: raw.CreateIndex,
    modifyIndex: raw.ModifyIndex,
  };
}
