/**
 * The member list of the cluster the window shows, asked for on demand (`members:list`) when a cluster is shown
 * and again after each of its polls (a new `snapshot.time`). null: that poll could not read the members.
 */
import type { Member } from '../../common/domain.js';
import type { Envelope, InvokeResponse, NomadTrayApi } from '../../common/ipc-contract.js';
import { OnDemand } from './on-demand.svelte.js';

type Answer = Envelope<InvokeResponse<'members:list'>>;

const membersOf = (answer: Answer): Envelope<Member[] | null> =>
  answer.ok ? { ok: true, value: answer.value.members } : answer;

export class MembersState extends OnDemand<Member[]> {
  constructor(api: NomadTrayApi) {
    super(async (clusterId) => membersOf(await api.invoke('members:list', { clusterId })));
  }

  /**
   * Takes the answer of the `members:list` request main.ts sent before the window mounted as the first request
   * (for `clusterId` at `version`): the members view following that cluster and poll then does not ask again.
   */
  adopt(clusterId: string, version: number | null, answer: Promise<Answer>): Promise<void> {
    return this.adoptFirst(clusterId, version, async () => membersOf(await answer));
  }
}
