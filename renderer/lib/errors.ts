/**
 * Error kinds in plain words, for the window. Each error becomes a short title (what is wrong, with Nomad's
 * own status text) and a hint (what to check). Pure.
 */
import type { TlsReason } from '../../common/nomad-domain.js';
import type { IpcError } from '../../common/ipc-contract.js';
import { clockTime } from './format.js';

export interface ErrorText {
  title: string;
  hint: string;
}

export interface ErrorContext {
  /** The ACL capability the failed call needs, e.g. `node:read` for the members list. */
  needs?: string;
  /** Since when the failure lasts (epoch ms). */
  since?: number | null;
}

const TLS_TITLES: Record<TlsReason, ErrorText> = {
  'unknown-authority': {
    title: 'TLS: certificate signed by an unknown authority',
    hint: "Set the cluster's CA certificate (the ca_file the agents use).",
  },
  'hostname-mismatch': {
    title: 'TLS: the certificate does not match the host name',
    hint: 'Set the TLS server name to server.<region>.nomad, as `nomad tls cert create` names it.',
  },
  expired: {
    title: 'TLS: the certificate has expired',
    hint: 'Renew the agent certificate (or fix the clock).',
  },
  'client-cert-required': {
    title: 'TLS: the agent requires a client certificate',
    hint: 'The agent sets verify_https_client: add a client certificate and key signed by its CA.',
  },
  'client-cert-rejected': {
    title: 'TLS: the agent rejected the client certificate',
    hint: "The client certificate must be signed by the agent's CA.",
  },
  'agent-speaks-http': {
    title: 'This agent speaks plain HTTP',
    hint: 'Change the address to start with http://.',
  },
  'agent-speaks-https': {
    title: 'This agent speaks HTTPS',
    hint: "Change the address to start with https:// and set the cluster's CA certificate.",
  },
  other: {
    title: 'TLS handshake failed',
    hint: 'Check the CA, client certificate and server name settings.',
  },
};

/** The kinds whose hint is the error's own message: their title (the switch below has every other kind). */
const MESSAGE_TITLES = {
  timeout: 'The agent did not answer in time',
  'invalid-response': 'The answer was not what a Nomad agent sends',
  'too-many-members': 'Too many members to watch',
  config: 'The cluster settings are not usable',
  'unknown-cluster': 'This cluster is no longer configured',
  unauthorized: 'This browser session is not signed in',
  transport: 'Nomad Tray is not reachable',
  unsupported: 'Not available here',
  'invalid-request': 'The request was refused',
  'unknown-channel': 'Something went wrong inside Nomad Tray',
  internal: 'Something went wrong inside Nomad Tray',
} satisfies Partial<Record<IpcError['kind'], string>>;

/** Describes an error for display; `context` adds the capability or the time the failure started. */
export function describeError(error: IpcError, context: ErrorContext = {}): ErrorText {
  const status =
    error.status !== undefined ? ` (${error.status} ${error.body ?? ''})`.replace(/ \)$/, ')') : '';
  switch (error.kind) {
    case 'forbidden': {
      const needs = error.capability ?? context.needs ?? 'the needed permission';
      if (error.aclReason === 'no-token')
        return {
          title: 'No ACL token set (403 Permission denied)',
          hint: `This cluster has ACLs enabled: set a token whose policy grants ${needs}, in Settings.`,
        };
      if (error.aclReason === 'token-refused')
        return {
          title: 'The ACL token was refused (403)',
          hint: 'Nomad does not know this token (revoked, expired or mistyped): set a valid one in Settings.',
        };
      return {
        title: `The ACL token lacks ${needs} (403 Permission denied)`,
        hint: 'Set a token whose policy grants it, in Settings.',
      };
    }
    case 'unreachable':
      return {
        title: context.since ? `Agent unreachable since ${clockTime(context.since)}` : 'Agent unreachable',
        hint: `Nothing answered: check the address, the port (4646 for HTTP) and the network. ${error.message}`,
      };
    case 'tls':
      return TLS_TITLES[error.tlsReason ?? 'other'];
    case 'no-leader':
      return { title: 'No cluster leader (500)', hint: 'The servers cannot elect a leader: check quorum.' };
    case 'no-servers':
      return {
        title: 'The client agent has no servers (500 no servers)',
        hint: 'The agent answers, but its client reaches no Nomad server: check its servers list, or add a server address.',
      };
    case 'wrong-role':
      return {
        title: 'This agent cannot do that (501 Invalid method)',
        hint: 'Join and force-leave need a server agent; the server list needs a client agent.',
      };
    case 'not-found':
      return { title: `Not found${status}`, hint: error.message };
    case 'bad-request':
      return { title: `Nomad refused the request${status}`, hint: error.body ?? error.message };
    case 'http':
      return { title: `HTTP error${status}`, hint: error.message };
    default:
      return { title: MESSAGE_TITLES[error.kind], hint: error.message };
  }
}

/**
 * Nomad's multi-error text (hashicorp/go-multierror: "2 errors occurred:\n\t* first\n\t* second\n\n") as
 * its list of errors; any other text as one entry (blank lines dropped).
 */
export function errorList(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const bullets = lines.filter((l) => l.startsWith('* ')).map((l) => l.slice(2).trim());
  if (/^\d+ errors? occurred:$/.test(lines[0] ?? '') && bullets.length > 0) return bullets;
  return lines.length > 0 ? [lines.join(' ')] : [];
}
