/**
 * The Agent view of the selected cluster: `/v1/agent/self` and, for client agents, the server list with
 * editing. A new server list is validated, set, then re-read by the core; the re-read list is the result.
 */
import { parseAddresses, parseServerAddress } from '../../common/addresses.js';
import type { AgentSelf } from '../../common/nomad-domain.js';
import type { IpcError, NomadTrayApi } from '../../common/ipc-contract.js';

export class AgentState {
  #api: NomadTrayApi;
  clusterId = $state<string | null>(null);
  self = $state.raw<AgentSelf | null>(null);
  /** The agent address that answered the last read or set (after failover); null before one answered. */
  address = $state<string | null>(null);
  /** The client's server list; null on server-only agents or before loading. */
  servers = $state.raw<string[] | null>(null);
  error = $state.raw<IpcError | null>(null);
  setError = $state.raw<IpcError | null>(null);
  loading = $state(false);
  saving = $state(false);

  constructor(api: NomadTrayApi) {
    this.#api = api;
  }

  /** Loads the agent of `clusterId` (its self, and the server list when it runs a client). */
  async load(clusterId: string): Promise<void> {
    this.clusterId = clusterId;
    this.loading = true;
    const self = await this.#api.invoke('agent:self', { clusterId });
    if (this.clusterId !== clusterId) return; // the selection moved on
    this.self = self.ok ? self.value.self : null;
    this.address = self.ok ? self.value.address : null;
    this.error = self.ok ? null : self.error;
    this.servers = null;
    if (self.ok && self.value.self.role !== 'server') {
      const servers = await this.#api.invoke('agent:servers', { clusterId });
      if (this.clusterId !== clusterId) return;
      this.servers = servers.ok ? servers.value : null;
      if (!servers.ok) this.error = servers.error;
    }
    this.loading = false;
  }

  /** Replaces the client's server list (default port 4647); returns whether it was set. */
  async setServers(addresses: readonly string[]): Promise<boolean> {
    const clusterId = this.clusterId;
    if (!clusterId) return false;
    const targets = parseAddresses(addresses, parseServerAddress);
    if (!targets.ok || targets.value.length === 0) {
      const message = targets.ok ? 'Enter at least one server address.' : targets.error;
      this.setError = { kind: 'invalid-request', message };
      return false;
    }
    this.saving = true;
    const answer = await this.#api.invoke('agent:setServers', { clusterId, addresses: targets.value });
    this.saving = false;
    this.setError = answer.ok ? null : answer.error;
    if (answer.ok) {
      this.servers = answer.value.servers;
      this.address = answer.value.address;
    }
    return answer.ok;
  }
}
