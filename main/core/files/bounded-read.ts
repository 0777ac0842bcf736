/**
 * The one way a file named in settings (TLS CA/cert/key files, token files) is read: asynchronously, only when it
 * is a regular file, up to a size cap, within a timeout. A FIFO would block its reader forever (freezing the event
 * loop, or holding one of libuv's four pool threads per attempt), a device such as /dev/zero never ends, a huge
 * file would be held in memory, a hung network mount never answers: each is a FileRefused with a clear reason.
 *
 * The file is opened non-blocking (opening a FIFO returns at once instead of waiting for a writer) and checked
 * with fstat on the opened descriptor, so it cannot be swapped for a FIFO between the check and the read. A read
 * that outlives its timeout is abandoned: it closes its descriptor as soon as its pending call returns. Until
 * then it counts as hanging, and since each hanging call holds a pool thread, a path with a hanging read is not
 * tried again and at most MAX_HANGING_READS may hang at once (the pool keeps threads for everything else).
 */
import { constants, type Stats } from 'node:fs';
import { open as fsOpen, readdir, type FileHandle } from 'node:fs/promises';

export interface ReadLimits {
  maxBytes: number;
  timeoutMs: number;
}

export interface ListLimits {
  maxEntries: number;
  timeoutMs: number;
}

/** TLS files (CA bundle, client certificate or key): 1 MiB (real bundles are a few hundred KiB), 2 s. */
export const TLS_FILE_LIMITS: ReadLimits = { maxBytes: 1024 * 1024, timeoutMs: 2_000 };
/** Token files: 64 KiB (ACL tokens are 36 characters, workload identity JWTs a few KiB), 2 s. */
export const TOKEN_FILE_LIMITS: ReadLimits = { maxBytes: 64 * 1024, timeoutMs: 2_000 };
/** A CA directory: 4096 entries (a system store such as /etc/ssl/certs has a few hundred), 2 s. */
export const CA_DIR_LIMITS: ListLimits = { maxEntries: 4096, timeoutMs: 2_000 };
/** Reads that may outlive their timeout at once; libuv's pool has 4 threads, so 2 always stay free. */
export const MAX_HANGING_READS = 2;

/** A file the rules refuse; `message` says why ("is a FIFO, not a regular file"). */
export class FileRefused extends Error {
  constructor(
    message: string,
    /** Set when the path is a directory (a CA path may be one). */
    readonly isDirectory = false,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}

/** The part of node:fs/promises the reader uses (tests inject an `open` that blocks like a hung mount). */
export interface ReaderFs {
  open(path: string, flags: number): Promise<FileHandle>;
  readdir(path: string): Promise<string[]>;
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

function tooLarge(maxBytes: number): FileRefused {
  return new FileRefused(`is larger than the ${maxBytes}-byte limit`);
}

/** Opens, checks and reads; stops at the next step once `abandoned()` says the caller gave up. */
async function readAll(fs: ReaderFs, path: string, maxBytes: number, abandoned: () => boolean) {
  const handle = await fs.open(path, FLAGS);
  try {
    if (abandoned()) throw new FileRefused('abandoned');
    const st = await handle.stat();
    if (!st.isFile()) throw new FileRefused(`is ${kindOf(st)}, not a regular file`, st.isDirectory());
    if (st.size > maxBytes) throw tooLarge(maxBytes);
    // Grows as data comes (a file may be shorter than its size, /proc files say 0), never past maxBytes + 1.
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    let length = 0;
    for (;;) {
      if (abandoned()) throw new FileRefused('abandoned');
      if (length === buffer.length) {
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 4));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(maxBytes);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A reader over `fs` by the rules above, with its own hanging-read guard. */
export function createBoundedReader(fs: ReaderFs = { open: fsOpen, readdir }) {
  /** The path of each abandoned read that has not returned yet (a path appears once per such read). */
  const hanging: string[] = [];

  /** Runs `work` on `path` unless reads hang; gives up on it after `timeoutMs` and counts it until it returns. */
  async function guarded<T>(path: string, timeoutMs: number, work: (abandoned: () => boolean) => Promise<T>) {
    if (hanging.includes(path))
      throw new FileRefused('was not read: an earlier read of it has not finished (a hung mount?)');
    if (hanging.length >= MAX_HANGING_READS)
      throw new FileRefused(`was not read: ${hanging.length} earlier file reads have not finished`);
    let abandoned = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const working = work(() => abandoned);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        hanging.push(path);
        const release = (): void => void hanging.splice(hanging.indexOf(path), 1);
        void working.then(release, release);
        reject(new FileRefused(`was not read within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([working, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** The file's text (UTF-8); rejects with FileRefused or the fs error (ENOENT, EACCES, …). */
    read: (path: string, limits: ReadLimits): Promise<string> =>
      guarded(path, limits.timeoutMs, (abandoned) => readAll(fs, path, limits.maxBytes, abandoned)),
    /** A directory's entry names, at most `limits.maxEntries` of them, within the timeout (a CA directory). */
    list: (path: string, limits: ListLimits): Promise<string[]> =>
      guarded(path, limits.timeoutMs, async () => {
        const names = await fs.readdir(path);
        if (names.length > limits.maxEntries)
          throw new FileRefused(`has more than ${limits.maxEntries} entries`);
        return names;
      }),
  };
}

/** The process's reader (one per process shares the hanging-read guard): every file named in settings. */
export const boundedReader = createBoundedReader();

/** What fs error codes mean to a user; other codes are shown as they are. */
const FS_CODES = new Map<string, string>([
  ['ENOENT', 'does not exist'],
  ['ENOTDIR', 'does not exist (a parent is not a directory)'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ELOOP', 'has too many levels of symbolic links'],
  ['ENXIO', 'is not a regular file (a socket?)'],
]);

/** Why a file could not be read, for a user: the refusal's reason, or what the fs error code means. */
export function fileErrorText(e: unknown): string {
  if (e instanceof FileRefused) return e.message;
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return FS_CODES.get(e.code) ?? e.code;
  return e instanceof Error ? e.message : String(e);
}
