/** The envelope schema for one response schema: what the tests check every answer of the core against. */
import { z } from 'zod';
import { IpcErrorSchema } from '../../common/ipc-contract.js';

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}
