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

/** Shows the first page (`page`'s answer) when it is only part of the list, then asks for the whole list. */
async function inSteps(
  page: Promise<Answer>,
  progress: Progress<MemberList>,
  painted: () => Promise<void>,
  whole: () => Promise<Envelope<MemberList | null>>,
): Promise<Envelope<MemberList | null>> {
  const first = listOf(await page);
  if (!first.ok || first.value === null || !isPartial(first.value)) return first;
  progress.show(first.value);
  await painted();
  // Shown elsewhere meanwhile: the whole list would be dropped, do not ask for it.
  return progress.stale() ? first : whole();
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
   * Takes the answer of the `members:list` request main.ts sent before the window mounted (for `clusterId` at
   * `version`; a first page when it asked for one) as the first request: the members view following that
   * cluster and poll then does not ask again, only for the rest of the list.
   */
  adopt(clusterId: string, version: number | null, answer: Promise<Answer>): Promise<void> {
    return this.adoptFirst(clusterId, version, (id, progress) =>
      inSteps(answer, progress, this.#painted, () => this.#whole(id)),
    );
  }
}
