/**
 * The settings file's schema (settings.json in the config directory). Logic (load, migrate, atomic save)
 * lives in main/core/settings/. Secrets never live here: a cluster only names where its token comes from.
 */
import { z } from 'zod';
import { MonitorEventTypeSchema } from './domain.js';

export const SETTINGS_SCHEMA_VERSION = 1;

/**
 * A secret other than the token (HTTP basic auth, an inline client key) read from Nomad Tray's environment at
 * connect time, so its value is never written to settings.json nor shown in the window. For a URL variable
 * (NOMAD_ADDR) it is the URL's `user:password`.
 */
export const EnvSecretRefSchema = z.object({
  source: z.literal('env'),
  variable: z.string().min(1).max(200),
});
export type EnvSecretRef = z.infer<typeof EnvSecretRefSchema>;

export const TlsSettingsSchema = z.object({
  /** PEM CA file, a directory of PEM files, or inline PEM text. */
  caCert: z.string().optional(),
  caPath: z.string().optional(),
  clientCert: z.string().optional(),
  clientKey: z.string().optional(),
  /** The client key from an environment variable holding inline PEM (NOMAD_CLIENT_KEY), instead of clientKey. */
  clientKeyRef: EnvSecretRefSchema.optional(),
  serverName: z.string().optional(),
  skipVerify: z.boolean().default(false),
});
export type TlsSettings = z.infer<typeof TlsSettingsSchema>;

/** Where a cluster's ACL token comes from. The token itself is never in settings.json. */
export const TokenRefSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('none') }),
  /** Read from an environment variable (NOMAD_TOKEN by default). */
  z.object({ source: z.literal('env'), variable: z.string().default('NOMAD_TOKEN') }),
  /** Read from a file (first line, trimmed). */
  z.object({ source: z.literal('file'), path: z.string() }),
  /** Kept by the desktop app's secret store (safeStorage), keyed by cluster id. */
  z.object({ source: z.literal('keychain') }),
]);
export type TokenRef = z.infer<typeof TokenRefSchema>;

/** A node pool or node class name as a rule names it: exact, no control characters. */
const NodeNameSchema = z
  .string()
  .min(1)
  .max(256)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');

/** Which names (node pools, node classes) notify: `only` (empty: all) minus `never`. */
export const NameFilterSchema = z.object({
  only: z.array(NodeNameSchema).max(256).default([]),
  never: z.array(NodeNameSchema).max(256).default([]),
});
export type NameFilter = z.infer<typeof NameFilterSchema>;

export const NotificationRulesSchema = z.object({
  muted: z.boolean().default(false),
  /** Event types that notify; empty means "all". */
  only: z.array(MonitorEventTypeSchema).default([]),
  /** Event types that never notify (still recorded in history). */
  never: z.array(MonitorEventTypeSchema).default([]),
  /**
   * Node events: which node pools / node classes notify (absent: all). A node they exclude is still watched,
   * counted and recorded, just not notified (main/core/alerts/rules.ts).
   */
  nodePools: NameFilterSchema.optional(),
  nodeClasses: NameFilterSchema.optional(),
});
export type NotificationRules = z.infer<typeof NotificationRulesSchema>;

/** What a cluster id is, for settings, the IPC contract and the secret stores (it names a stored token). */
export const ClusterIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore');

export const ClusterSettingsSchema = z.object({
  id: ClusterIdSchema,
  name: z.string().min(1).max(100),
  /** Agent base URLs in failover order (http:// or https://). */
  addresses: z.array(z.string().min(1)).min(1).max(16),
  region: z.string().optional(),
  namespace: z.string().optional(),
  tls: TlsSettingsSchema.default({ skipVerify: false }),
  token: TokenRefSchema.default({ source: 'none' }),
  /** HTTP basic auth `user[:password]` for a proxy in front of Nomad (NOMAD_HTTP_AUTH semantics). */
  httpAuth: z.string().optional(),
  /** The same from the environment (NOMAD_HTTP_AUTH, or the user:password of NOMAD_ADDR), instead of httpAuth. */
  httpAuthRef: EnvSecretRefSchema.optional(),
  pollIntervalMs: z.number().int().min(500).max(3_600_000).default(10_000),
  enabled: z.boolean().default(true),
  notifications: NotificationRulesSchema.default({ muted: false, only: [], never: [] }),
});
export type ClusterSettings = z.infer<typeof ClusterSettingsSchema>;

/** "HH:MM" local time, 24-hour. */
const HhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const QuietHoursSchema = z.object({
  enabled: z.boolean().default(false),
  /** A window may cross midnight (22:00 → 07:00). */
  start: HhmmSchema.default('22:00'),
  end: HhmmSchema.default('07:00'),
});

export const GlobalSettingsSchema = z.object({
  recoveryNotifications: z.boolean().default(true),
  quietHours: QuietHoursSchema.default({ enabled: false, start: '22:00', end: '07:00' }),
  /** Consecutive polls a problem must hold before it alerts. */
  confirmPolls: z.number().int().min(1).max(20).default(2),
  /** Consecutive good polls before a recovery is announced. */
  recoveryPolls: z.number().int().min(1).max(20).default(2),
  /** Reminder while a problem lasts; 0 = off. */
  reminderIntervalMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3_600_000)
    .default(0),
  /** A cluster is stale when its last good poll is older than this many intervals. */
  staleAfterIntervals: z.number().int().min(2).max(100).default(3),
  closeToTray: z.boolean().default(true),
  startAtLogin: z.boolean().default(false),
});
export type GlobalSettings = z.infer<typeof GlobalSettingsSchema>;

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  clusters: z.array(ClusterSettingsSchema).max(64),
  global: GlobalSettingsSchema.default(GlobalSettingsSchema.parse({})),
});
export type Settings = z.infer<typeof SettingsSchema>;
