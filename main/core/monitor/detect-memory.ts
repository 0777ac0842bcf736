/**
 * Validation of a detector memory read back from outside (a file, IPC): confirm() trusts its own output, but a
 * persisted copy is outside data and is checked before use.
 */
import { z } from 'zod';
import { NomadErrorKindSchema, QuorumSchema } from '../../../common/domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import type { DetectorMemory } from './types.js';

const KeySchema = z.object({
  confirmed: z.string().nullable(),
  candidate: z.string().nullable(),
  count: z.number().int().min(0),
  raw: z.string().nullable(),
  recentTransitions: z.array(z.number()),
  flapping: z.boolean(),
  lastRawChange: z.number().nullable(),
});

const MemorySchema = z.object({
  time: z.number(),
  keys: z.record(z.string(), KeySchema),
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
  const memory: DetectorMemory = parsed.data;
  return ok(memory);
}
