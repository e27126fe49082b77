import { describe, expect, it } from 'vitest';
import { demoteHeadings, parseChangeset } from '../scripts/changelog.mjs';
import { renderMarkdown, rewriteHref } from '../scripts/guides.mjs';

describe('markdown rendering', () => {
  it('gives headings unique ids, collects them, and rewrites guide and reference links', () => {
    const { html, headings, title } = renderMarkdown(
      '# Title\n\n## Same\n\n## Same\n\n[next](other-guide.md#part) [ref](reference:#/webhooks) [web](https://wawp.net)\n',
    );
    expect(title).toBe('Title');
    expect(headings.map((h: { id: string }) => h.id)).toEqual(['title', 'same', 'same-1']);
    expect(html).toContain('href="other-guide.html#part"');
    expect(html).toContain('href="../index.html#/webhooks"');
    expect(html).toContain('href="https://wawp.net"');
  });

  it('rewriteHref leaves other links alone', () => {
    expect(rewriteHref('https://example.com/a.md')).toBe('https://example.com/a.md');
    expect(rewriteHref('reference:')).toBe('../index.html');
    expect(rewriteHref('reference-v2:#tag/Sessions')).toBe('../v2.html#tag/Sessions');
  });
});

describe('changesets', () => {
  it('parses the releases and the summary', () => {
    expect(parseChangeset('---\n"@wawp/spec": minor\n\'@wawp/client\': patch\n---\n\nFixed it.\n')).toEqual({
      releases: [
        { name: '@wawp/spec', type: 'minor' },
        { name: '@wawp/client', type: 'patch' },
      ],
      summary: 'Fixed it.',
    });
  });

  it('refuses a file that is not a changeset', () => {
    expect(() => parseChangeset('Just text', 'x.md')).toThrow('x.md is not a changeset');
    expect(() => parseChangeset('---\n"@wawp/spec": huge\n---\nx', 'y.md')).toThrow(/y\.md: cannot read/);
  });

  it('demotes headings below the page level, leaving code blocks alone', () => {
    expect(demoteHeadings('# A\n\n```sh\n# comment\n```\n## B', 3)).toBe('#### A\n\n```sh\n# comment\n```\n##### B');
  });
});
