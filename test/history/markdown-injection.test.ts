/**
 * The Markdown export with hostile text (member names, messages, error bodies are outside data): a message can
 * neither add headings, list items or table rows (it stays on its line) nor render as links, images, HTML or
 * emphasis.
 */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatTimeline } from '../../main/core/history/markdown.js';
import { memberFailed } from './helpers.js';

const T = Date.UTC(2025, 4, 1, 12, 0, 0);

describe('Markdown export: hostile text stays text', () => {
  it('newlines cannot inject a heading, a list item or table rows', () => {
    const hostile = {
      ...memberFailed(T, 1),
      cluster: 'prod\n# Owned',
      message: 'failed\n\n## 2025-05-01\n| a | b |\n|---|---|\n| x | y |\r\n- fake event\u2028> quote',
      details: ['detail\n## nested heading'],
    };
    const md = formatTimeline([hostile, memberFailed(T + 1000, 2)], { timeZone: 'UTC' });
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# Nomad Tray incident timeline',
      '## 2025-05-01',
    ]);
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(2); // one bullet per event
    expect(lines.filter((l) => l.startsWith('  - '))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('|') || l.startsWith('>'))).toBe(false);
    expect(md).toContain('\\| a \\| b \\|');
    expect(md).toContain('\\#\\# 2025-05-01');
  });

  it('every line break a viewer may honour becomes a space: C0, DEL, C1 (U+0085 next line) and U+2028/9', () => {
    expect(escapeMarkdown('a\nb\rc\u0085d\u2028e\u2029f\u007fg\u009bh')).toBe('a b c d e f g h');
  });

  it('links, images, HTML, code, emphasis, entities and strike-through are escaped', () => {
    const text = '![img](http://x) [link](http://y) <script>x</script> `code` *em* _em_ ~~s~~ &amp; \\';
    expect(escapeMarkdown(text)).toBe(
      '\\!\\[img\\](http://x) \\[link\\](http://y) \\<script\\>x\\</script\\> \\`code\\` \\*em\\* \\_em\\_ ' +
        '\\~\\~s\\~\\~ \\&amp; \\\\',
    );
  });
});
