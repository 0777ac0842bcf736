/**
 * A history writer as its own process, for the two-writer test: `node --import tsx writer-process.ts DIR LABEL
 * COUNT`. Appends COUNT fresh events named LABEL-<n>; every 4th append is also an event older than the age
 * bound, which makes that append compact the file (dropping the old event, keeping every fresh one).
 */
import { createHistory } from '../../main/core/history/index.js';
import { memberFailed } from './helpers.js';

const [dir, label, countText] = process.argv.slice(2);
const MAX_AGE = 60_000;
const history = createHistory({ dir: dir ?? '.', clock: Date.now, maxAgeMs: MAX_AGE });
const count = Number(countText);
for (let n = 0; n < count; n++) {
  const fresh = await history.append({ ...memberFailed(Date.now(), n), message: `${label}-${n}` });
  if (!fresh.ok) throw new Error(fresh.error);
  if (n % 4 === 3) {
    const old = await history.append({
      ...memberFailed(Date.now() - 2 * MAX_AGE, n),
      message: `old-${label}`,
    });
    if (!old.ok) throw new Error(old.error);
  }
}
await history.flush();
