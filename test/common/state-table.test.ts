/**
 * One tone per state everywhere: the badge, the sidebar, the page title, the favicon and the tray all read the
 * one table (common/state-table.ts), so a state's word, glyph, colour and icon agree in every place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterStateKindSchema } from '../../common/domain.js';
import { iconSvg } from '../../common/state-icon.js';
import { ICONS, STATE_ORDER, STATES, stateLook, type IconKind } from '../../common/state-table.js';
import { faviconSvg } from '../../main/browser/favicon.js';
import { clusterLine, toTrayModel } from '../../main/shell/tray-model.js';
import { pageStatus } from '../../renderer/lib/page-status.js';
import { makeClusterView } from '../renderer/fixtures.js';
import { decodePng } from '../shell/png-decode.js';

const ALL = ClusterStateKindSchema.options;
const ctx = { paused: false, snoozedAll: false, startAtLogin: false, platform: 'linux' as const };

describe('the state table', () => {
  it('lists the states in the schema’s order, worst first (worstState ranks by it without zod)', () => {
    expect(STATE_ORDER).toEqual(ALL);
  });

  it.each(ALL)('%s reads the same in the badge, the title, the tray and the favicon', (state) => {
    const look = stateLook(state);
    const view = makeClusterView({ state, name: 'prod' });
    expect(look).toMatchObject({ tone: ICONS[look.icon].tone, glyph: ICONS[look.icon].glyph });
    expect(look.label.toLowerCase()).toBe(look.word.toLowerCase());
    const title = pageStatus([view]).title;
    expect(title.startsWith(`${look.glyph} 1 ${look.word} — `)).toBe(true);
    // The tray reads the core's view (name-keyed records), the window the wire form (pairs).
    const core = {
      ...view,
      quorum: Object.fromEntries(view.quorum),
      snapshot: view.snapshot && {
        ...view.snapshot,
        members: [],
        leaders: Object.fromEntries(view.snapshot.leaders),
      },
    };
    const tray = toTrayModel([core], ctx);
    expect(tray.icon).toBe(look.icon);
    expect(clusterLine(core).split(' · ')[0]).toBe(`prod — ${look.word}`);
    expect(faviconSvg(state)).toBe(iconSvg(look.icon));
    expect(pageStatus([view]).icon).toBe(look.icon);
  });

  it('the forbidden state is "access denied" in every place (it was "Forbidden" on the badge)', () => {
    expect(stateLook('forbidden').label).toBe('Access denied');
    expect(pageStatus([makeClusterView({ state: 'forbidden' })]).title).toContain('1 access denied');
  });

  it('blind states are grey (the unreachable icon) and critical severity only when the agent answers wrong', () => {
    for (const state of ALL) {
      if (STATES[state].blind) expect(stateLook(state).tone).toBe('blind');
    }
    expect(STATES.critical.blind).toBe(false);
  });

  it('every icon has its own glyph, so text without colour still tells the states apart', () => {
    const glyphs = Object.values(ICONS).map((i) => i.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
  });

  it.each(Object.keys(ICONS) as IconKind[])(
    'the committed %s tray icon is painted in the table colour',
    (icon) => {
      const png = decodePng(
        readFileSync(path.resolve(import.meta.dirname, `../../assets/tray/${icon}@2x.png`)),
      );
      const want = ICONS[icon].fill;
      const hex = (i: number) =>
        `#${[0, 1, 2].map((c) => (png.pixels[i * 4 + c] ?? 0).toString(16).padStart(2, '0')).join('')}`;
      let found = false;
      for (let i = 0; i < png.width * png.height && !found; i++) {
        if ((png.pixels[i * 4 + 3] ?? 0) === 255 && hex(i) === want) found = true;
      }
      expect(found, `${icon} has opaque pixels of ${want}`).toBe(true);
    },
  );
});
