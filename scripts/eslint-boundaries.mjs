/**
 * The import boundaries of the main process, as one ESLint rule (`nomad-tray/boundaries`).
 *
 * Modules: each folder under main/core (core/alerts, core/nomad, …), main/app, main/browser, main/cli and the
 * Electron shell (main/shell plus its entry files main/main.ts and main/preload.ts). common/ is shared: any of
 * its files may be imported from anywhere.
 *
 * 1. Layers: a module imports only from the layers in LAYERS (core never from app, shell, browser or cli; app and
 *    browser never from shell).
 * 2. No deep imports: a file of another module is reached only through that module's index.ts
 *    (`../poller/index.js`), never through one of its files (`../poller/failover.js`). The shell has no index:
 *    only its own entry files import it.
 * 3. `undici` is imported only inside core/nomad (the one place that speaks HTTP to Nomad).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Which layers each layer may import (besides itself and common). */
const LAYERS = {
  core: ['core'],
  app: ['core'],
  browser: ['core', 'app'],
  cli: ['core'],
  shell: ['core', 'app'],
  common: [],
};

/** The module a repository path (no extension) belongs to, or null outside main/ and common/. */
export function moduleOf(rel) {
  const parts = rel.split('/');
  if (parts[0] === 'common') return { layer: 'common', id: 'common', dir: null };
  if (parts[0] !== 'main') return null;
  if (rel === 'main/main' || rel === 'main/preload' || parts[1] === 'shell') {
    return { layer: 'shell', id: 'shell', dir: null };
  }
  if (parts[1] === 'core' && parts.length > 3) {
    return { layer: 'core', id: `core/${parts[2]}`, dir: `main/core/${parts[2]}` };
  }
  if (['app', 'browser', 'cli'].includes(parts[1]) && parts.length > 2) {
    return { layer: parts[1], id: parts[1], dir: `main/${parts[1]}` };
  }
  return null;
}

const stripExt = (p) => p.replace(/\.(js|mjs|ts|mts|svelte)$/, '');

/** The problem with one import of `source` from `filename`, or null when it respects the boundaries. */
export function boundaryProblem(filename, source) {
  const fromRel = stripExt(path.relative(ROOT, filename).split(path.sep).join('/'));
  const from = moduleOf(fromRel);
  if (!from) return null;
  if (source === 'undici' || source.startsWith('undici/')) {
    return from.id === 'core/nomad' ? null : 'undici is imported only inside main/core/nomad.';
  }
  if (!source.startsWith('.')) return null;
  const toRel = stripExt(path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), source)));
  const to = moduleOf(toRel);
  if (!to || to.id === from.id || to.layer === 'common') return null;
  if (!LAYERS[from.layer].includes(to.layer)) {
    return `${from.layer} must not import from ${to.layer} (${toRel}): move what both need to a shared place.`;
  }
  if (to.dir && toRel !== `${to.dir}/index` && toRel !== to.dir) {
    return `deep import into ${to.id}: import ${to.dir}/index.js (export what you need there), not ${toRel}.`;
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Layer, index-only and undici boundaries between the main-process modules.' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const problem = boundaryProblem(context.filename, source.value);
      if (problem) context.report({ node: source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { boundaries: rule } };
