/**
 * The member list of the cluster the window shows, asked for on demand (`members:list`) when a cluster is shown
 * and again after each of its polls (a new `snapshot.time`). null: that poll could not read the members.
 *
 * A cluster shown for the first time is asked for in two steps: first the rows a window shows (`FIRST_PAGE`
 * members, already in the table's default order, with the total), shown at once; then, after that first paint,
 * the whole list. Later polls ask for the whole list directly (the list shown stays until it arrives).
 */
import type { Member } from '../../common/nomad-domain.js';
import type { Envelope, InvokeResponse, NomadTrayApi } from '../../common/ipc-contract.js';
import { FIRST_PAGE } from '../lib/early.js';
import { OnDemand, type Progress } from './on-demand.svelte.js';

type Answer = Envelope<InvokeResponse<'members:list'>>;

/** The members held for a cluster; fewer than `total` while only the first page is there. */
export interface MemberList {
  members: Member[];
  total: number;
}

/** Whether `list` is only the first page (the rest is loading). */
export const isPartial = (list: MemberList): boolean => list.members.length < list.total;

const listOf = (answer: Answer): Envelope<MemberList | null> => {
  if (!answer.ok) return answer;
  const { members, total } = answer.value;
  return { ok: true, value: members === null ? null : { members, total: total ?? members.length } };
};

/** Resolves once the page painted what it holds (a hidden window does not paint: then at most 50 ms later). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = setTimeout(resolve, 50);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(done);
        resolve();
      }, 0),
    );
  });
}

/**
 * Shows the first page (`page`, or its answer once it comes) and, when it is only part of the list, asks for the
 * whole list. A page given as a value is shown at once: the first render has its rows.
 */
function inSteps(
  page: Answer | Promise<Answer>,
  progress: Progress<MemberList>,
  painted: () => Promise<void>,
  whole: () => Promise<Envelope<MemberList | null>>,
): Promise<Envelope<MemberList | null>> {
  if (page instanceof Promise) return page.then((answer) => inSteps(answer, progress, painted, whole));
  const first = listOf(page);
  if (!first.ok || first.value === null) return Promise.resolve(first);
  progress.show(first.value);
  if (!isPartial(first.value)) return Promise.resolve(first);
  // Shown elsewhere meanwhile: the whole list would be dropped, do not ask for it.
  return painted().then(() => (progress.stale() ? first : whole()));
}

export class MembersState extends OnDemand<MemberList> {
  #painted: () => Promise<void>;
  #whole: (clusterId: string) => Promise<Envelope<MemberList | null>>;

  /** `painted`: resolves once the first page is on screen (tests pass their own). */
  constructor(api: NomadTrayApi, painted: () => Promise<void> = afterPaint) {
    const whole = async (clusterId: string) => listOf(await api.invoke('members:list', { clusterId }));
    super((clusterId, progress) =>
      progress.shown
        ? whole(clusterId)
        : inSteps(api.invoke('members:list', { clusterId, limit: FIRST_PAGE }), progress, painted, () =>
            whole(clusterId),
          ),
    );
    this.#painted = painted;
    this.#whole = whole;
  }

  /**
   * Takes the `members:list` answer main embedded in the page (for `clusterId` at `version`; a first page) as
   * the first request, shown at once: the members view following that cluster and poll then does not ask again,
   * only for the rest of the list.
   */
  adopt(clusterId: string, version: number | null, answer: Answer): Promise<void> {
    return this.adoptFirst(clusterId, version, (id, progress) =>
      inSteps(answer, progress, this.#painted, () => this.#whole(id)),
    );
  }
}
