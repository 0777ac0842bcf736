import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A composition root shaped like the real one: hardened session and contents, window from mainWindowOptions. */
const GOOD_MAIN = `
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import path from 'node:path';
import { mainWindowOptions } from './shell/window-options.js';
import { hardenAllWebContents, hardenSession } from './shell/security.js';
import { APP_ENTRY_URL, APP_ORIGIN } from './core/web/index.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './shell/adapters/app-protocol.js';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  hardenAllWebContents(app, { appOrigin: APP_ORIGIN, openExternal: (u) => shell.openExternal(u) });
  registerAppProtocol(protocol, path.join(__dirname, '../renderer'));
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: path.join(__dirname, '../preload/index.cjs'), dark: false }));
  void win.loadURL(APP_ENTRY_URL);
});
`;
const PRELOAD = `
import { contextBridge, ipcRenderer } from 'electron';
contextBridge.exposeInMainWorld('nomadTray', { invoke: (c: string, r: unknown) => ipcRenderer.invoke(c, r) });
`;
const BAD_MAIN = `
import { app, BrowserWindow } from 'electron';
void app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
  void win.loadURL('http://example.com/');
});
`;

/** A project tree with main/ sources, renderer/index.html and an out/ made by transpiling each file. */
function fixture(mainTs: string, extra: Record<string, string> = {}, withShell = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gate-fixture-'));
  dirs.push(dir);
  if (withShell) cpSync(path.join(ROOT, 'main/shell'), path.join(dir, 'main/shell'), { recursive: true });
  mkdirSync(path.join(dir, 'main'), { recursive: true });
  mkdirSync(path.join(dir, 'renderer'), { recursive: true });
  cpSync(path.join(ROOT, 'renderer/index.html'), path.join(dir, 'renderer/index.html'));
  writeFileSync(path.join(dir, 'main/main.ts'), mainTs);
  writeFileSync(path.join(dir, 'main/preload.ts'), PRELOAD);
  for (const [rel, text] of Object.entries(extra)) writeFileSync(path.join(dir, rel), text);
  const sources = readdirSync(path.join(dir, 'main'), { recursive: true, withFileTypes: true }).filter((d) =>
    d.name.endsWith('.ts'),
  );
  for (const d of sources) {
    const rel = path.relative(path.join(dir, 'main'), path.join(d.parentPath, d.name));
    const js = ts.transpileModule(readFileSync(path.join(d.parentPath, d.name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const out =
      rel === 'preload.ts' ? 'out/preload/index.cjs' : path.join('out/main', rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(path.join(dir, out)), { recursive: true });
    writeFileSync(path.join(dir, out), js);
  }
  mkdirSync(path.join(dir, 'out/renderer'), { recursive: true });
  cpSync(path.join(ROOT, 'renderer/index.html'), path.join(dir, 'out/renderer/index.html'));
  return dir;
}

function gate(project: string) {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/security-gate.mjs'), '--project', project],
    {
      encoding: 'utf8',
    },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('security gate (Electronegativity)', () => {
  it('passes a hardened app, accepting only the reviewed mainWindowOptions() findings', () => {
    const { status, out } = gate(fixture(GOOD_MAIN));
    expect(out).toContain('✔ passed');
    expect(status).toBe(0);
    expect(out).toMatch(/accepted.*CONTEXT_ISOLATION_JS_CHECK/);
    expect(out).not.toContain("'FAIL'");
  });

  it('fails on an insecure window and on missing navigation / permission hardening', () => {
    const { status, out } = gate(fixture(BAD_MAIN, {}, false));
    expect(status).toBe(1);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]) {
      expect(out).toMatch(new RegExp(`'FAIL'.*'${id}'`));
    }
  });

  it('fails when a file cannot be parsed (it would otherwise go unchecked)', () => {
    const { status, out } = gate(fixture(GOOD_MAIN, { 'main/broken.ts': 'export const = ;\n' }));
    expect(status).toBe(1);
    expect(out).toContain('PARSE ERROR');
  });
});
