/** Composition root of the Electron app (placeholder until the desktop issue lands). */
import { app } from 'electron';

void app.whenReady().then(() => {
  // The desktop issue wires settings → secrets → monitor core → tray → IPC → window here.
});
