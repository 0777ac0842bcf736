import { describe, expect, it } from 'vitest';
import { layoutFromSearch, withLayout } from '../../common/window-layout.js';

describe('window layout', () => {
  it.each([
    ['?layout=glance', 'glance'],
    ['?x=1&layout=glance', 'glance'],
    ['', 'full'],
    ['?layout=full', 'full'],
    ['?layout=GLANCE', 'full'],
    ['?layout=glance%00', 'full'],
    ['?layout=__proto__', 'full'],
    ['?layout', 'full'],
  ] as const)('%j is the %s layout', (search, layout) => {
    expect(layoutFromSearch(search)).toBe(layout);
  });

  it('sets and clears the flag, keeping the rest of the URL (browser mode: the token fragment)', () => {
    const glance = withLayout('app://renderer/index.html', 'glance');
    expect(glance).toBe('app://renderer/index.html?layout=glance');
    expect(layoutFromSearch(new URL(glance).search)).toBe('glance');
    const tab = 'http://127.0.0.1:4680/?layout=glance&x=1#token=abc';
    expect(withLayout(tab, 'full')).toBe('http://127.0.0.1:4680/?x=1#token=abc');
    expect(withLayout(withLayout(tab, 'full'), 'glance')).toBe(
      'http://127.0.0.1:4680/?x=1&layout=glance#token=abc',
    );
  });
});
