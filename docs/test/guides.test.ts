import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoteHeadings, parseChangeset } from '../scripts/changelog.mjs';
import { expandSamples, extractSample, renderMarkdown, rewriteHref } from '../scripts/guides.mjs';

const sample = `import { x } from 'y';

// #region first
  const a = 1;
  console.log(a);
// #endregion

// #region second
const b = 2;
// #endregion
`;

describe('sample includes', () => {
  it('extracts a region, dedented and without markers, or the whole file without markers', () => {
    expect(extractSample(sample, 'first')).toBe('const a = 1;\nconsole.log(a);');
    expect(extractSample(sample, undefined)).not.toContain('#region');
    expect(extractSample(sample, undefined)).toContain("import { x } from 'y';");
  });

  it('fails on an unknown region or a missing file, naming it', async () => {
    expect(() => extractSample(sample, 'third', 's.ts')).toThrow('s.ts has no region "third"');
    const dir = mkdtempSync(join(tmpdir(), 'wawp-docs-samples-'));
    await expect(expandSamples('{{sample: nope.ts}}\n', dir)).rejects.toThrow(
      /includes nope\.ts, which does not exist/,
    );
  });

  it('replaces include lines with fenced TypeScript blocks and reports the files used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wawp-docs-samples-'));
    writeFileSync(join(dir, 'a.ts'), sample);
    const { markdown, used } = await expandSamples('Intro\n\n{{sample: a.ts#second}}\n\nEnd\n', dir);
    expect(used).toEqual(['a.ts']);
    expect(markdown).toContain('```ts\nconst b = 2;\n```');
    expect(markdown).toContain('Intro');
    expect(markdown).toContain('End');
  });
});

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
