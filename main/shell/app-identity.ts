/**
 * The app's identity, in one place: electron-builder's appId (checked equal by test/shell/builder-config.test.ts)
 * doubles as the Windows AppUserModelID, which `app.setAppUserModelId` must use for toasts to show.
 */
export const APP_ID = 'io.github.nomadtray.app';
