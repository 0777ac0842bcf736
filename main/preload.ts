/**
 * Preload (sandboxed, bundled to ONE CommonJS file: out/preload/index.cjs). Exposes `window.nomadTray` with the
 * contract's methods only; ipcRenderer itself never reaches the page. Logic lives in shell/preload-api.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './shell/preload-api.js';

// Reviewed: only createPreloadApi's invoke/on (contract allowlist, payload-only callbacks; wiring-preload.test.ts).
contextBridge.exposeInMainWorld('nomadTray', createPreloadApi(ipcRenderer)); // eng-disable PRELOAD_JS_CHECK
