/**
 * Finds a Chromium for the browser tests: $CHROMIUM_PATH, Debian's /usr/bin/chromium (what .ci/run installs),
 * other common system paths, then Playwright's own download where the network allowed `npx playwright install`.
 * Returns the path, or the sentence a skipped test prints.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export function findChromium(
  env: Record<string, string | undefined> = process.env,
): { path: string } | { missing: string } {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv)
    return existsSync(fromEnv) ? { path: fromEnv } : { missing: `CHROMIUM_PATH=${fromEnv} does not exist` };
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return { path: p };
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own };
  } catch {
    // playwright-core throws when it has no browser registry entry for this platform
  }
  return {
    missing:
      "no Chromium found (install Debian's chromium: apt-get install -y chromium, run npx playwright install chromium where the network allows, or set CHROMIUM_PATH)",
  };
}
