/** JSON.parse as a value rather than a throw: what the text holds, or the SyntaxError it raised. */
import { err, ok, type Result } from '../../../common/result.js';

export function parseJsonText(text: string): Result<unknown, unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    return err(e);
  }
}
