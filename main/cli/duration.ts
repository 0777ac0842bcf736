/** Duration parsing for CLI flags (`500ms`, `1s`, `10s`, `2m`, `1h`). No dependencies. */
import { err, ok, type Result } from '../../common/result.js';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses `<number><unit>` (unit ms, s, m or h; decimals allowed) into milliseconds; errors are one sentence. */
export function parseDuration(text: string): Result<number, string> {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return err(`"${text}" is not a duration (examples: 500ms, 1s, 10s, 2m)`);
  const ms = Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1_000));
  if (ms <= 0) return err(`"${text}" must be longer than zero`);
  return ok(ms);
}
