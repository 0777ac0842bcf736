/**
 * What the Electron window gets before its app loads: main asks its core for the cluster list and, when the full
 * window opens on a cluster, that cluster's first page of members (`gatherEarly`), renders the first screen from
 * them (first-screen.ts) and embeds the same answers in index.html (`embedEarly`). The app mounts from them
 * (`readEarly`) without asking again, so the rows the page showed are the rows it mounts with. In browser mode
 * the page carries none (it is served before the session token is checked) and the app asks its core itself.
 */
import type { WireClusterView as ClusterView } from '../../common/domain.js';
import type { Envelope, InvokeChannel, InvokeResponse } from '../../common/ipc-contract.js';

/** How many members a first `members:list` request asks for: more rows than a tall window shows. */
export const FIRST_PAGE = 100;

type MembersAnswer = Envelope<InvokeResponse<'members:list'>>;

/** The core's answers the first screen is drawn from. */
export interface EarlyData {
  list: Envelope<ClusterView[]>;
  /** The first page of the shown cluster's members, for the poll (`snapshot.time`) it was read at; null: none. */
  members: { clusterId: string; version: number | null; answer: MembersAnswer } | null;
}

/** The id of the `<script type="application/json">` element that carries them. */
const EARLY_ID = 'nomad-tray-early';

/**
 * Asks `invoke` (the app core's dispatch) for what the first screen shows: the cluster list, then, when
 * `showsMembers` (the full window opens on the members view; the glance shows none), the first page of the first
 * cluster's members (SelectionState shows the first cluster when none is selected).
 */
export async function gatherEarly(
  invoke: (channel: InvokeChannel, request: unknown) => Promise<Envelope<unknown>>,
  showsMembers: boolean,
): Promise<EarlyData> {
  const list = (await invoke('clusters:list', {})) as EarlyData['list'];
  const first = showsMembers && list.ok ? list.value[0] : undefined;
  if (first === undefined) return { list, members: null };
  const answer = await invoke('members:list', { clusterId: first.id, limit: FIRST_PAGE });
  const version = first.snapshot?.time ?? null;
  return { list, members: { clusterId: first.id, version, answer: answer as MembersAnswer } };
}

/**
 * The element that carries `early` in the page: JSON with every `<` escaped, so no name (a member called
 * `</script>…`) can end the element early, and a data block, which the page's CSP never runs.
 */
export function embedEarly(early: EarlyData): string {
  const json = JSON.stringify(early).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${EARLY_ID}">${json}</script>`;
}

/** The answers main embedded in `doc`; null when it embedded none (browser mode) or they cannot be read. */
export function readEarly(doc: Document): EarlyData | null {
  const text = doc.getElementById(EARLY_ID)?.textContent;
  if (!text) return null;
  try {
    const early = JSON.parse(text) as Partial<EarlyData> | null;
    return typeof early?.list?.ok === 'boolean' ? (early as EarlyData) : null;
  } catch {
    return null;
  }
}
