/**
 * Stand-in for the `electron` module in tests. The real package would try to download its binary on
 * first `require` (its index.js runs install.js when dist/ is missing), so vitest aliases `electron` here.
 * Shell code is tested with injected fakes; anything that reaches this stub by accident fails loudly instead
 * of hitting the network.
 */
function unavailable(name: string): never {
  throw new Error(`electron.${name} is not available in tests: inject a fake instead`);
}
const handler: ProxyHandler<Record<string, unknown>> = {
  get(_target, prop) {
    if (prop === '__esModule') return true;
    if (prop === 'then') return undefined;
    return new Proxy(function () {}, {
      get: () => unavailable(String(prop)),
      apply: () => unavailable(String(prop)),
      construct: () => unavailable(String(prop)),
    });
  },
};
const electron = new Proxy({}, handler);
export default electron;
export const app = electron.app;
export const BrowserWindow = electron.BrowserWindow;
export const ipcMain = electron.ipcMain;
export const ipcRenderer = electron.ipcRenderer;
export const contextBridge = electron.contextBridge;
export const Tray = electron.Tray;
export const Menu = electron.Menu;
export const nativeImage = electron.nativeImage;
export const Notification = electron.Notification;
export const safeStorage = electron.safeStorage;
export const shell = electron.shell;
export const session = electron.session;
export const protocol = electron.protocol;
export const powerMonitor = electron.powerMonitor;
export const net = electron.net;
