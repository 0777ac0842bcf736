/**
 * The member list of the cluster the window shows, asked for on demand (`members:list`) when a cluster is shown
 * and again after each of its polls (a new `snapshot.time`). null: that poll could not read the members.
 */
import type { Member } from '../../common/domain.js';
import type { NomadTrayApi } from '../../common/ipc-contract.js';
import { OnDemand } from './on-demand.svelte.js';

export class MembersState extends OnDemand<Member[]> {
  constructor(api: NomadTrayApi) {
    super(async (clusterId) => {
      const answer = await api.invoke('members:list', { clusterId });
      return answer.ok ? { ok: true, value: answer.value.members } : answer;
    });
  }
}
