/**
 * The rules for files named in settings (TLS CA/cert/key files, token files): read one only when it is a regular
 * file, up to a size cap. A FIFO would block the reader forever (freezing the event loop, or holding a thread of
 * libuv's small pool per attempt), a device such as /dev/zero never ends, and a huge file would be held in memory:
 * each is refused with a clear reason instead. The file is opened non-blocking and checked with fstat on the
 * opened descriptor, so it cannot be swapped for a FIFO between the check and the read. The asynchronous reader
 * also gives up after a timeout (a hung network mount).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Cap of a TLS file (CA bundle, client certificate or key): 1 MiB; real bundles are a few hundred KiB at most. */
export const MAX_TLS_FILE_BYTES = 1024 * 1024;
/** Cap of a token file: 64 KiB; ACL tokens are 36 characters, workload identity JWTs a few KiB. */
export const MAX_TOKEN_FILE_BYTES = 64 * 1024;
/** How long reading a token file may take before it counts as unreadable. */
export const TOKEN_READ_TIMEOUT_MS = 2_000;

/** A file the rules refuse; `message` says why ("is a FIFO, not a regular file"). */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefused';
  }
}

/** Non-blocking open: opening a FIFO for reading returns at once instead of waiting for a writer. */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/** Refuses anything but a regular file of at most `maxBytes`. */
function check(st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new FileRefused(`is ${kindOf(st)}, not a regular file`);
  if (st.size > maxBytes) throw new FileRefused(`is larger than the ${maxBytes}-byte limit`);
}

function tooLong(maxBytes: number): FileRefused {
  return new FileRefused(`is larger than the ${maxBytes}-byte limit`);
}

/** Reads a regular file of at most `maxBytes` as UTF-8, synchronously; throws FileRefused or the fs error. */
export function readBoundedSync(path: string, maxBytes: number): string {
  const fd = openSync(path, FLAGS);
  try {
    check(fstatSync(fd), maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooLong(maxBytes);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a regular file of at most `maxBytes` as UTF-8; rejects with FileRefused (not a regular file, too big, or
 * not read within `timeoutMs`) or the fs error.
 */
export async function readBounded(path: string, maxBytes: number, timeoutMs: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FileRefused(`was not read within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  const reading = readAll(path, maxBytes);
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readAll(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, FLAGS);
  try {
    check(await handle.stat(), maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLong(maxBytes);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** "ENOENT" for fs errors, the reason for refused files, else the text. */
export function fileErrorText(e: unknown): string {
  if (e instanceof FileRefused) return e.message;
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.message : String(e);
}
