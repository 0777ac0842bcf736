/**
 * One tone per state, one place: every Tone of common/state-table.ts has exactly one global class in
 * renderer/theme.css (`.tone-<tone>`, setting --tone and --tone-bg from the theme colour of that name), and no
 * component defines tone classes or tone variables of its own (they only read var(--tone) / var(--tone-bg)).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICONS, TONES } from '../../common/state-table.js';
import { MEMBER_LOOKS, NODE_LOOKS } from '../../renderer/lib/status.js';

const theme = readFileSync('renderer/theme.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const components = readdirSync('renderer/components')
  .filter((f) => f.endsWith('.svelte'))
  .map((f) => ({ file: f, text: readFileSync(path.join('renderer/components', f), 'utf8') }));

/** The declarations of every rule whose selector is exactly `selector`. */
function rules(css: string, selector: string): string[] {
  const found: string[] = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g))
    if ((m[1] ?? '').trim() === selector) found.push((m[2] ?? '').replace(/\s+/g, ' ').trim());
  return found;
}

describe('tone classes', () => {
  it.each(TONES)('.tone-%s is defined once, globally, from the theme colour of that name', (tone) => {
    expect(rules(theme, `.tone-${tone}`)).toEqual([`--tone: var(--${tone}); --tone-bg: var(--${tone}-bg);`]);
  });

  it('no other tone class exists in the theme', () => {
    const defined = [...theme.matchAll(/\.tone-([a-z-]+)\s*\{/g)].map((m) => m[1]);
    expect(defined.sort()).toEqual([...TONES].sort());
  });

  it('every icon, member status and node status has one of these tones', () => {
    for (const look of Object.values(ICONS)) expect(TONES).toContain(look.tone);
    for (const look of Object.values(MEMBER_LOOKS)) expect(TONES).toContain(look.tone);
    for (const look of Object.values(NODE_LOOKS)) expect(TONES).toContain(look.tone);
  });

  it.each(components.map((c) => [c.file, c.text] as const))(
    '%s defines no tone class or tone variable of its own',
    (_file, text) => {
      const style = /<style>([\s\S]*)<\/style>/.exec(text)?.[1] ?? '';
      expect(style).not.toMatch(/\.tone-[a-z]/);
      expect(style).not.toMatch(/--tone(-bg)?\s*:/);
      // A component showing a state's or status's look uses the global class, never its own copy.
      if (/look\.tone|bar\.tone/.test(text)) expect(style).not.toMatch(/\.(ok|warn|bad|blind|idle)\b/);
    },
  );
});
