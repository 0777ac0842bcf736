/**
 * THE contract between the window (renderer) and the app core (Electron main, or the browser-mode HTTP server).
 * Every invoke channel has a request and a response schema, every push event a payload schema; the TS types are
 * inferred from them, so channel names and shapes live only here. Requests are strict (unknown keys rejected) and
 * bounded (every string and array has a maximum); the parse helpers in ipc-validate.ts additionally refuse
 * prototype-pollution keys anywhere in a value. No Electron, no Node built-ins: preload, main, renderer and the HTTP server import it.
 */
import { z } from 'zod';
import { MonitorEventSchema, SeveritySchema, WireClusterViewSchema } from './domain.js';
import {
  AgentSelfSchema,
  JoinResultSchema,
  MemberSchema,
  NodeSchema,
  NomadErrorKindSchema,
  NomadErrorSchema,
  TlsReasonSchema,
} from './nomad-domain.js';
import { ClusterIdSchema, ClusterSettingsSchema, SettingsSchema } from './settings-schema.js';
import { isAllowedExternalUrl } from './external-url.js';
import type { Result } from './result.js';

/** Bounds shared by the schemas below (and by the UI's input limits). */
export const LIMITS = {
  text: 300,
  message: 4_000,
  url: 2_048,
  token: 4_096,
  joinAddresses: 16,
  clusters: 64,
  members: 20_000,
  nodes: 50_000,
  events: 5_000,
  markdown: 5_000_000,
} as const;

const TextSchema = z.string().min(1).max(LIMITS.text);
const EmptySchema = z.strictObject({});
const NothingSchema = z.null();

/** An https:// URL without credentials: the only kind the app hands to the OS browser (common/external-url.ts). */
export const HttpsUrlSchema = z
  .string()
  .max(LIMITS.url)
  .refine(isAllowedExternalUrl, 'only https:// links without credentials are opened');

/** Error kinds an envelope can carry: the Nomad client's kinds plus those of the IPC/HTTP layer itself. */
export const IpcErrorKindSchema = z.enum([
  ...NomadErrorKindSchema.options,
  'invalid-request', // the request failed its schema (never reached the core)
  'unknown-channel', // no such channel
  'unknown-cluster', // the clusterId names no configured cluster
  'unsupported', // the channel exists but this mode cannot do it (e.g. notifications in browser mode)
  'unauthorized', // browser mode: missing or wrong bearer token
  'transport', // browser mode: the HTTP server could not be reached
]);
export type IpcErrorKind = z.infer<typeof IpcErrorKindSchema>;

/** The error half of the envelope: a kind and one human sentence, plus the Nomad details when there are any. */
export const IpcErrorSchema = z.strictObject({
  kind: IpcErrorKindSchema,
  message: z.string().max(LIMITS.message),
  status: z.number().int().optional(),
  body: z.string().max(LIMITS.message).optional(),
  code: z.string().max(LIMITS.text).optional(),
  tlsReason: TlsReasonSchema.optional(),
  aclReason: NomadErrorSchema.shape.aclReason,
  capability: NomadErrorSchema.shape.capability,
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What every invoke resolves to: errors are values, never rejections (style-anchors rule 3). */
export type Envelope<T> = Result<T, IpcError>;

export const AppInfoSchema = z.strictObject({
  mode: z.enum(['electron', 'browser']),
  version: z.string().max(64),
  /** How tokens are kept: OS keychain, an obfuscated file (Linux basic_text), or only until exit. */
  secretStorage: z.enum(['secure', 'insecure', 'memory-only']),
  platform: z.string().max(32),
  /** Whether this machine shows OS notifications (false: browser mode without a display; the page alerts). */
  osNotifications: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const TokenStatusSchema = z.enum(['set', 'not set']);
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

/** The settings as the window sees them: never a token, only whether one is set. */
export const SettingsViewSchema = z.strictObject({
  settings: SettingsSchema,
  tokens: z
    .record(ClusterIdSchema, TokenStatusSchema)
    .refine((r) => Object.keys(r).length <= LIMITS.clusters, 'too many clusters'),
  configDir: z.string().max(LIMITS.url),
  /** Problems found while loading (a migrated field, a leftover temp file), in plain words. */
  problems: z.array(z.string().max(LIMITS.message)).max(100),
  /**
   * settings.json exists but cannot be used (broken, unreadable, from a newer version): no cluster is watched and
   * nothing is saved over it until the user fixes it or acknowledges (settings:setAsideUnusableFile). Absent or
   * null: the file is fine.
   */
  unusableFile: z
    .strictObject({
      reason: z.string().max(LIMITS.message),
      details: z.array(z.string().max(LIMITS.message)).max(20),
    })
    .nullable()
    .optional(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SnoozeDurationSchema = z.enum(['15m', '1h', 'tomorrow', 'until-recovered']).nullable();
export type SnoozeDuration = z.infer<typeof SnoozeDurationSchema>;

const MembersSchema = z.array(MemberSchema).max(LIMITS.members);
const EventsSchema = z.array(MonitorEventSchema).max(LIMITS.events);
const ClusterViewsSchema = z.array(WireClusterViewSchema).max(LIMITS.clusters);
/** A join target or a server address as typed (validated in detail by common/addresses.ts). */
const AddressListSchema = z.array(TextSchema).min(1).max(LIMITS.joinAddresses);

const ClusterIdListSchema = z.array(ClusterIdSchema).max(LIMITS.clusters);
/** The agent address that answered an action or read (after failover). */
const AnsweredBySchema = z.string().max(LIMITS.text);
const ServerListSchema = z.array(z.string().max(LIMITS.text)).max(256);
/** A request about one cluster, or about one or all (absent: every cluster). */
const OneClusterSchema = z.strictObject({ clusterId: ClusterIdSchema });
const SomeClusterSchema = z.strictObject({ clusterId: ClusterIdSchema.optional() });
const TokenSchema = z.string().min(1).max(LIMITS.token);
/** The first-run offer to move NOMAD_TOKEN from the environment into the keychain. */
export const EnvTokenOfferSchema = z.strictObject({
  available: z.boolean(),
  /** Clusters whose token is read from NOMAD_TOKEN (empty when the offer is not available). */
  clusterIds: ClusterIdListSchema,
});
export type EnvTokenOffer = z.infer<typeof EnvTokenOfferSchema>;

/**
 * The core's pulse, pushed every `intervalMs` on the push channel (SSE in browser mode, IPC in Electron). A
 * window that hears nothing for a few intervals knows it is blind (renderer/state/connection.svelte.ts).
 */
export const HeartbeatSchema = z.strictObject({ intervalMs: z.number().int().min(100).max(60_000) });

/** What a notification click shows: a cluster, and its member or client node (by name). */
export const FocusTargetSchema = z.strictObject({
  clusterId: ClusterIdSchema,
  member: TextSchema.optional(),
  node: TextSchema.optional(),
});
export type FocusTarget = z.infer<typeof FocusTargetSchema>;

/** How a decided notice's OS notification went: shown, failed, or off (this machine has no OS notifications). */
export const OsDeliverySchema = z.enum(['shown', 'failed', 'off']);
export type OsDelivery = z.infer<typeof OsDeliverySchema>;

/**
 * One notification the alert policy decided (or the test notification), as the window receives it: the OS
 * notification is one delivery of it, the window's alert strip and browser notification are others
 * (renderer/lib/deliveries.ts decides which of those are loud).
 */
export const DecidedNoticeSchema = z.strictObject({
  id: z.string().min(1).max(64),
  time: z.number(),
  clusterId: ClusterIdSchema.nullable(),
  title: z.string().max(LIMITS.text),
  body: z.string().max(LIMITS.message),
  severity: SeveritySchema,
  member: TextSchema.optional(),
  /** Node notices: the client node's name (a click shows it in the Nodes view). */
  node: TextSchema.optional(),
  /** The "Send test notification" button's notice, not a policy decision. */
  test: z.boolean(),
  os: OsDeliverySchema,
});
export type DecidedNotice = z.infer<typeof DecidedNoticeSchema>;

/** Invoke channels, `noun:verb`. Request → response (the response travels inside an Envelope). */
export const invokeContract = {
  /** The window is ready for push events (main queues them until then); answers how the app runs. */
  'app:ready': { request: EmptySchema, response: AppInfoSchema },
  'app:openExternal': { request: z.strictObject({ url: HttpsUrlSchema }), response: NothingSchema },
  /** From the tray's glance: open the full window, on a cluster when given (desktop only: `unsupported` else). */
  'app:openWindow': { request: SomeClusterSchema, response: NothingSchema },
  'clusters:list': { request: EmptySchema, response: ClusterViewsSchema },
  'clusters:pollNow': { request: SomeClusterSchema, response: NothingSchema },
  'clusters:snooze': {
    request: z.strictObject({ clusterId: ClusterIdSchema, duration: SnoozeDurationSchema }),
    response: NothingSchema,
  },
  'monitor:pause': { request: EmptySchema, response: NothingSchema },
  'monitor:resume': { request: EmptySchema, response: NothingSchema },
  /**
   * The member list of one cluster's latest poll, asked for when the window shows that cluster (cluster views
   * carry none). `time`: that poll (the view's `snapshot.time`), null before the first; `members`: null when the
   * poll could not read them.
   */
  'members:list': {
    /** `limit`: only the first members in the table's default order (common/member-order.ts), for a first screen. */
    request: z.strictObject({
      clusterId: ClusterIdSchema,
      limit: z.number().int().min(1).max(LIMITS.members).optional(),
    }),
    /** `members` in the default order; `total`: how many there are in all (fewer are sent when `limit` is). */
    response: z.strictObject({
      time: z.number().nullable(),
      members: MembersSchema.nullable(),
      total: z.number().int().min(0).max(LIMITS.members).optional(),
    }),
  },
  /**
   * The client nodes of one cluster as its node watcher last saw them, asked for when the window shows its Nodes
   * view (cluster views carry only counts, `snapshot.nodes`). `time`: that answer; null when no list is known (no
   * answer yet, or the watcher cannot see the nodes now: `snapshot.nodes.error` says why).
   */
  'nodes:list': {
    request: OneClusterSchema,
    response: z.strictObject({ time: z.number(), nodes: z.array(NodeSchema).max(LIMITS.nodes) }).nullable(),
  },
  'members:join': {
    request: z.strictObject({ clusterId: ClusterIdSchema, addresses: AddressListSchema }),
    response: z.strictObject({
      result: JoinResultSchema,
      before: MembersSchema,
      after: MembersSchema,
      address: AnsweredBySchema,
    }),
  },
  'members:forceLeave': {
    request: z.strictObject({ clusterId: ClusterIdSchema, node: TextSchema, prune: z.boolean() }),
    response: z.strictObject({
      before: MemberSchema.nullable(),
      after: MemberSchema.nullable(),
      address: AnsweredBySchema,
    }),
  },
  'agent:self': {
    request: OneClusterSchema,
    response: z.strictObject({ self: AgentSelfSchema, address: AnsweredBySchema }),
  },
  'agent:servers': { request: OneClusterSchema, response: ServerListSchema },
  'agent:setServers': {
    request: z.strictObject({ clusterId: ClusterIdSchema, addresses: AddressListSchema }),
    /** `servers`: the list re-read after setting it. */
    response: z.strictObject({ servers: ServerListSchema, address: AnsweredBySchema }),
  },
  'history:list': {
    request: z.strictObject({
      clusterId: ClusterIdSchema.optional(),
      limit: z.number().int().min(1).max(LIMITS.events).optional(),
    }),
    response: EventsSchema,
  },
  'history:exportMarkdown': { request: SomeClusterSchema, response: z.string().max(LIMITS.markdown) },
  'settings:get': { request: EmptySchema, response: SettingsViewSchema },
  'settings:save': { request: z.strictObject({ settings: SettingsSchema }), response: SettingsViewSchema },
  /** Write-only: a token goes in, only its status comes back. `null` removes it. */
  'settings:setToken': {
    request: z.strictObject({ clusterId: ClusterIdSchema, token: TokenSchema.nullable() }),
    response: z.strictObject({ status: TokenStatusSchema, storage: z.enum(['secure', 'memory-only']) }),
  },
  'settings:testConnection': {
    request: z.strictObject({ cluster: ClusterSettingsSchema, token: TokenSchema.optional() }),
    response: z.strictObject({
      /** The configured address that answered (the first one that did). */
      address: z.string().max(LIMITS.text),
      members: z.number().int().min(0),
      leader: z.string().max(LIMITS.text).nullable(),
      version: z.string().max(LIMITS.text),
    }),
  },
  /**
   * Whether to offer importing NOMAD_TOKEN from the app's environment into the keychain (first run of the
   * desktop app), and for which clusters. Never carries the token itself.
   */
  'settings:envTokenOffer': { request: EmptySchema, response: EnvTokenOfferSchema },
  /**
   * Answers the offer: `accept` copies the environment's NOMAD_TOKEN into the keychain for these clusters and
   * switches their token to the keychain; `!accept` remembers that the user keeps the environment variable.
   * The token never crosses IPC: only cluster ids go in and come back.
   */
  'settings:importEnvToken': {
    request: z.strictObject({ clusterIds: ClusterIdListSchema, accept: z.boolean() }),
    response: z.strictObject({ imported: ClusterIdListSchema }),
  },
  /**
   * The user acknowledged that settings.json cannot be used: it is kept as `settings.json.bak-<time>` and the
   * default settings are written and watched. Refused when the file is fine (a page cannot reset good settings).
   */
  'settings:setAsideUnusableFile': { request: EmptySchema, response: SettingsViewSchema },
  /** Sends a test notice through every delivery; answers how the OS one went (the window tests its own). */
  'notifications:test': {
    request: EmptySchema,
    response: z.strictObject({ os: OsDeliverySchema, osError: z.string().max(LIMITS.message).optional() }),
  },
} as const;

/** Push events main → window, `noun:changed` for state, plus the heartbeat and decided notifications. */
export const eventContract = {
  'clusters:changed': ClusterViewsSchema,
  /** Newly confirmed events (not the whole history). */
  'events:changed': EventsSchema,
  'settings:changed': SettingsViewSchema,
  /** A notification was clicked: show this cluster, and its member (Members view) or client node (Nodes view). */
  'focus:changed': FocusTargetSchema,
  /** The core is alive (see HeartbeatSchema). Never queued: an old heartbeat vouches for nothing. */
  'app:heartbeat': HeartbeatSchema,
  /** A notification was decided (and handed to the OS notifier, with this outcome). */
  'notifications:decided': DecidedNoticeSchema,
} as const;

/** Push events that only mean something live: shells drop them rather than queue them for a window not ready. */
export const EPHEMERAL_EVENTS: ReadonlySet<string> = new Set(['app:heartbeat']);

export type InvokeChannel = keyof typeof invokeContract;
export type EventName = keyof typeof eventContract;
/** What a caller passes (defaults may be omitted). */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
/** What a handler receives after parsing (defaults filled in). */
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeContract) as readonly InvokeChannel[];
export const EVENT_NAMES = Object.keys(eventContract) as readonly EventName[];

/** What the preload exposes as `window.nomadTray`, and what the browser-mode HTTP transport implements. */
export interface NomadTrayApi {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<Envelope<InvokeResponse<C>>>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
}

/** True when `name` is one of our invoke channels (own keys only: `toString`, `__proto__` are not channels). */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeContract, name);
}
