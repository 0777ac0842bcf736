/**
 * The first requests of the window, sent before the rest of the app is even compiled: main.ts imports only
 * this tiny module (no zod: it costs nothing to compile), asks the preload for `clusters:list` right away, then
 * loads the app chunk. As soon as that list answers, the first page of the first cluster's members is asked for
 * too, so it travels while the app compiles and mounts. bridge.ts's `answerOf` takes the raw answers.
 */

/** How many members a first `members:list` request asks for: more rows than a tall window shows. */
export const FIRST_PAGE = 100;

/** A `members:list` request already on its way: for which cluster and poll (`snapshot.time`), and its answer. */
export interface EarlyMembers {
  clusterId: string;
  version: number | null;
  answer: Promise<unknown>;
}

/** The requests already on their way: the cluster list, then (null: none sent) the first member list. */
export interface EarlyRequest {
  channel: 'clusters:list';
  answer: Promise<unknown>;
  members: Promise<EarlyMembers | null>;
}

/** The preload's object (`window.nomadTray`, Electron only), once its shape is checked. */
export interface RawApi {
  invoke: (channel: string, request: unknown) => Promise<unknown>;
  on: (event: string, callback: (payload: unknown) => void) => () => void;
}

/** The window's preload object when it has one of the right shape; null in browser mode. */
export function preloadOf(win: Window): RawApi | null {
  const preload = (win as { nomadTray?: Partial<RawApi> | null }).nomadTray;
  const usable = typeof preload?.invoke === 'function' && typeof preload.on === 'function';
  return usable ? (preload as RawApi) : null;
}

/** Sends one request; a preload that throws or rejects yields a rejected answer (handled later by the bridge). */
function send(preload: RawApi, channel: string, request: unknown): Promise<unknown> {
  let answer: Promise<unknown>;
  try {
    answer = Promise.resolve(preload.invoke(channel, request));
  } catch (error) {
    answer = Promise.reject(error instanceof Error ? error : new Error('the preload threw'));
  }
  // Handled later by the bridge; this keeps an early rejection from being reported as unhandled meanwhile.
  answer.catch(() => undefined);
  return answer;
}

/** The cluster the window shows first (SelectionState falls back to the first one), from a raw list answer. */
function firstCluster(answer: unknown): { id: string; version: number | null } | null {
  const envelope = answer as { ok?: unknown; value?: unknown } | null;
  if (envelope?.ok !== true || !Array.isArray(envelope.value)) return null;
  const first = envelope.value[0] as { id?: unknown; snapshot?: { time?: unknown } | null } | undefined;
  if (typeof first?.id !== 'string') return null;
  const time = first.snapshot?.time;
  return { id: first.id, version: typeof time === 'number' ? time : null };
}

/**
 * Sends `clusters:list` through the preload when there is one (Electron), then, when `showsMembers` (the full
 * window opens on the members view; the glance shows none), that cluster's `members:list`. Null in browser
 * mode, where the HTTP transport needs the session token first and the app sends the requests itself. Never
 * throws.
 */
export function sendEarlyRequest(win: Window = window, showsMembers = true): EarlyRequest | null {
  const preload = preloadOf(win);
  if (preload === null) return null;
  const answer = send(preload, 'clusters:list', {});
  const members = answer.then(
    (list): EarlyMembers | null => {
      const first = showsMembers ? firstCluster(list) : null;
      if (first === null) return null;
      const membersAnswer = send(preload, 'members:list', { clusterId: first.id, limit: FIRST_PAGE });
      return { clusterId: first.id, version: first.version, answer: membersAnswer };
    },
    () => null,
  );
  return { channel: 'clusters:list', answer, members };
}

/**
 * Resolves once the early answers are there (the cluster list and, when one was asked for, the first member
 * page; an error counts as an answer) or `capMs` after the call, whichever comes first: main.ts mounts the app
 * then, so the first screen is built once, with its rows, instead of an empty shell laid out first and
 * filled in later frames. The cap keeps a core that is slow to answer from holding the window on its boot
 * line: the app then mounts and shows what is loading, as before.
 */
export function earlyAnswers(early: EarlyRequest, capMs: number): Promise<void> {
  const both = early.members.then((members) => (members?.answer ?? early.answer).catch(() => undefined));
  return new Promise((resolve) => {
    const cap = setTimeout(resolve, capMs);
    void both.then(() => {
      clearTimeout(cap);
      resolve();
    });
  });
}
