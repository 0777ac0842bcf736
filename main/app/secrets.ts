/**
 * The in-memory secret store (browser mode: tokens typed in the page live only until the process
 * exits). The desktop shell adapts its safeStorage-backed store (main/shell/secrets.ts). Tokens never leave
 * them except through get().
 */
import { ClusterIdSchema } from '../../common/settings-schema.js';
import type { AppSecretStore } from './types.js';

/** Tokens kept in memory for this run only (storage 'memory-only'). */
export function createMemorySecretStore(): AppSecretStore {
  const tokens = new Map<string, string>();
  return {
    get: (id) => tokens.get(id) ?? null,
    status: (id) => (tokens.has(id) ? 'set' : 'not set'),
    storage: () => 'memory-only',
    set(id, token) {
      if (!ClusterIdSchema.safeParse(id).success)
        return Promise.resolve({ ok: false, error: `invalid cluster id "${id}"` });
      if (token === null) tokens.delete(id);
      else if (token.trim() === '') return Promise.resolve({ ok: false, error: 'the token is empty' });
      else tokens.set(id, token);
      return Promise.resolve({ ok: true });
    },
  };
}
