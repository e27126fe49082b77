// Renders the markdown guides (docs/guides/*.md) to HTML with `marked`.
//
// The code blocks are written in the markdown itself, so the page, the repository and the
// test show the same code: test/code-blocks.test.ts type-checks and runs every one of them.
import { Marked } from 'marked';

/**
 * Markdown to HTML. Links to other guides may be written as `other-guide.md` (so they also
 * work when the markdown is read on a forge) and become `other-guide.html`; `reference:#x`
 * links to the API reference page (v1), `reference-v2:#x` to the v2 reference.
 */
export function renderMarkdown(markdown) {
  const headings = [];
  const seen = new Map();
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'link') token.href = rewriteHref(token.href);
    },
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const base = slugify(html.replace(/<[^>]+>/g, '')) || 'section';
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count}`;
        headings.push({ depth, id, html });
        return `<h${depth} id="${id}">${html}</h${depth}>\n`;
      },
    },
  });
  const html = marked.parse(markdown, { async: false });
  const title = headings.find((h) => h.depth === 1)?.html.replace(/<[^>]+>/g, '');
  return { html, headings, title };
}

export function rewriteHref(href) {
  if (href.startsWith('reference:')) return `../index.html${href.slice('reference:'.length)}`;
  if (href.startsWith('reference-v2:')) return `../v2.html${href.slice('reference-v2:'.length)}`;
  if (/^[\w-]+\.md(#.*)?$/.test(href)) return href.replace(/\.md(?=#|$)/, '.html');
  return href;
}

export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/&[a-z]+;/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
}
