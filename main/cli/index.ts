/**
 * `nomad-tray` command line (`npm run cli -- <command>`): the same core as the desktop app, same settings file.
 * stdout carries only command output (pure JSON with --json); diagnostics go to stderr.
 */
import { processIo } from './io.js';
import { run } from './run.js';
import { keepSecretsFromChildren } from '../core/redact/index.js';

/** Resolves on the first SIGINT or SIGTERM (watch stops cleanly, exit 0). */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

// The CLI keeps its own copy of the environment; notifier helpers it starts inherit no secrets.
const io = { ...processIo, env: keepSecretsFromChildren(process.env) };
const code = await run(process.argv.slice(2), io, { stopSignal });
process.exitCode = code;
// Open sockets (keep-alive) must not keep a finished command alive.
setTimeout(() => process.exit(code), 50).unref();
