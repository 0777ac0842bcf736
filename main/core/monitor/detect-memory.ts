/**
 * Validation of a detector memory read back from outside (a file, IPC): confirm() trusts its own output, but a
 * persisted copy is outside data and is checked before use. The derived parts (member count, pending keys) are
 * recomputed, and member keys stored the older way (`keys['member:<name>']`) are moved into their shards.
 */
import { z } from 'zod';
import { NomadErrorKindSchema, QuorumSchema } from '../../../common/domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import { DetectorDraft, activeKeys, detectorKeyEntries, emptyDetectorMemory } from './detect-store.js';
import type { DetectorKeyMemory, DetectorMemory } from './types.js';

const KeySchema = z.object({
  confirmed: z.string().nullable(),
  candidate: z.string().nullable(),
  count: z.number().int().min(0),
  raw: z.string().nullable(),
  recentTransitions: z.array(z.number()),
  flapPair: z.string().max(2048).optional(),
  flapping: z.boolean(),
  lastRawChange: z.number().nullable(),
});

const MemorySchema = z.object({
  time: z.number(),
  keys: z.record(z.string(), KeySchema),
  members: z.record(z.string(), z.record(z.string(), KeySchema)).default({}),
  memberCount: z.number().int().min(0).optional(),
  active: z.array(z.string()).optional(),
  membersBaseline: z.boolean(),
  error: z
    .object({
      kind: NomadErrorKindSchema.nullable(),
      message: z.string().nullable(),
      detail: z.string().nullable(),
    })
    .nullable(),
  quorum: z.record(z.string(), QuorumSchema),
});

/**
 * Checks a stored detector memory. On failure the caller should start again from null (a silent baseline),
 * which loses no alert: the next poll is simply the new reference.
 */
export function parseDetectorMemory(value: unknown): Result<DetectorMemory, string> {
  const parsed = MemorySchema.safeParse(value);
  if (!parsed.success)
    return err(`detector memory is not valid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const p = parsed.data;
  // Re-store every key through a draft: members land in the shard their name hashes to, whatever was stored.
  const stored: [string, DetectorKeyMemory][] = Object.entries(p.keys);
  for (const shard of Object.values(p.members))
    for (const [name, k] of Object.entries(shard)) stored.push([`member:${name}`, k]);
  const base = { ...emptyDetectorMemory(p.time), membersBaseline: p.membersBaseline };
  const draft = new DetectorDraft(base, p.time);
  for (const [key, k] of stored) draft.put(key, k);
  const memory: DetectorMemory = {
    ...draft.mem,
    error: p.error,
    quorum: p.quorum,
  };
  memory.active = activeKeys(detectorKeyEntries(memory));
  return ok(memory);
}
