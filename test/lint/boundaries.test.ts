/**
 * The module boundaries are enforced by `npm run lint`: each forbidden import below, linted with the repository's
 * own eslint.config.js as if it were written in the named file, is an error of `nomad-tray/boundaries`; the
 * allowed ones next to it are not.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The boundary messages ESLint reports for `code` as the file `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, {
    filePath: path.join(ROOT, file),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'nomad-tray/boundaries').map((m) => m.message);
}

describe('import boundaries (nomad-tray/boundaries)', () => {
  it.each([
    [
      'main/core/alerts/x.ts',
      "import { createAppCore } from '../../app/index.js';",
      /core must not import from app/,
    ],
    ['main/core/engine/x.ts', "import '../../shell/security.js';", /core must not import from shell/],
    ['main/core/nomad/x.ts', "export * from '../../cli/index.js';", /core must not import from cli/],
    [
      'main/core/poller/x.ts',
      "import { main } from '../../browser/index.js';",
      /core must not import from browser/,
    ],
    [
      'main/app/x.ts',
      "import { hardenSession } from '../shell/security.js';",
      /app must not import from shell/,
    ],
    ['main/app/handlers/x.ts', "import type { SecretStore } from '../../shell/secrets.js';", /app must not/],
    [
      'main/browser/x.ts',
      "import { APP_SCHEME_PRIVILEGES } from '../shell/adapters/app-protocol.js';",
      /browser/,
    ],
    ['main/cli/x.ts', "import { createAppCore } from '../app/index.js';", /cli must not import from app/],
    [
      'main/core/alerts/x.ts',
      "import type { Notice } from '../monitor/types.js';",
      /deep import into core\/monitor/,
    ],
    ['main/cli/commands/x.ts', "import { failover } from '../../core/poller/failover.js';", /deep import/],
    [
      'main/shell/x.ts',
      "import { childEnv } from '../core/redact/child-env.js';",
      /deep import into core\/redact/,
    ],
    ['main/main.ts', "import { handlers } from './app/handlers/index.js';", /deep import into app/],
    ['main/core/engine/x.ts', "import { request } from 'undici';", /undici is imported only inside/],
    ['main/cli/x.ts', "import type { Dispatcher } from 'undici/types/dispatcher';", /undici/],
  ])('%s: %s is rejected', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(['main/app/x.ts', 'main/browser/x.ts', 'main/cli/x.ts', 'main/core/engine/x.ts', 'common/x.ts'])(
    '%s never loads Electron at runtime',
    async (file) => {
      const [result] = await eslint.lintText("import { app } from 'electron';\nexport const a = app;\n", {
        filePath: path.join(ROOT, file),
      });
      expect(result?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-restricted-imports');
    },
  );

  it.each([
    ['main/core/alerts/x.ts', "import type { Notice } from '../monitor/index.js';"],
    ['main/core/alerts/x.ts', "import { classify } from './problems.js';"],
    ['main/core/nomad/x.ts', "import { request } from 'undici';"],
    ['main/browser/x.ts', "import { createAppCore } from '../app/index.js';"],
    ['main/browser/x.ts', "import { RENDERER_CSP } from '../core/web/index.js';"],
    ['main/app/handlers/x.ts', "import { internalError } from '../errors.js';"],
    ['main/shell/x.ts', "import type { AppCore } from '../app/index.js';"],
    ['main/main.ts', "import { hardenSession } from './shell/security.js';"],
    ['main/cli/x.ts', "import { redact } from '../core/redact/index.js';"],
    ['main/cli/x.ts', "import type { MonitorEvent } from '../../common/domain.js';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
