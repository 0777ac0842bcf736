/**
 * Imported first by main.ts: the strict CSP forbids eval, so zod must not probe `new Function` (the probe's
 * caught failure still reports a CSP violation). Must run before any schema parses, including the top-level
 * defaults in common/settings-schema.ts, hence its own module.
 */
import { z } from 'zod';

z.config({ jitless: true });
