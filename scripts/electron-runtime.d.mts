/** Types for electron-runtime.mjs (used by TypeScript tests and scripts). */
export function findElectronRuntime(
  root?: string,
  env?: Record<string, string | undefined>,
  platform?: string,
): { path: string; missing?: undefined } | { missing: string; path?: undefined };
