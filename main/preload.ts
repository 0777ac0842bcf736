/** Preload: exposes only the IPC contract's methods (placeholder until the desktop issue lands). */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('nomadTray', {});
