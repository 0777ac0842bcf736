/**
 * "Nomad Tray keeps running in the tray" is said once per user, not on every close: a marker file in the config
 * directory remembers it. A failure to write the marker only means the hint may be shown again.
 */
import nodeFs from 'node:fs/promises';
import path from 'node:path';

/** Marker file name inside the config directory. */
export const CLOSE_HINT_MARKER = '.close-to-tray-hint-shown';

/** Calls `show` the first time ever (per config directory); later calls do nothing. */
export function createTellOnce(
  dir: string,
  show: () => void,
  fs: Pick<typeof nodeFs, 'access' | 'writeFile'> = nodeFs,
): () => Promise<void> {
  let told = false;
  return async () => {
    if (told) return;
    told = true;
    const marker = path.join(dir, CLOSE_HINT_MARKER);
    const seen = await fs.access(marker).then(
      () => true,
      () => false,
    );
    if (seen) return;
    show();
    await fs.writeFile(marker, 'shown\n').catch(() => undefined);
  };
}
