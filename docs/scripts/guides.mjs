// Renders the markdown guides (docs/guides/*.md) to HTML with `marked`.
//
// Code samples are never written inside the markdown: a line `{{sample: file.ts}}` (or
// `{{sample: file.ts#region}}` for the part between `// #region name` and `// #endregion`)
// pulls in a real file from docs/guides/samples/, which `tsc -p docs` type-checks against
// the real packages. So a sample that stops compiling fails the build, not the reader.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Marked } from 'marked';

const INCLUDE = /^\{\{sample:\s*([\w./-]+\.ts)(?:#([\w-]+))?\s*\}\}$/gm;
const REGION_LINE = /^\s*\/\/ #(?:end)?region\b.*$\n?/gm;

/** The text of a sample file, or of one region of it, without the region markers. */
export function extractSample(text, region, fileName = 'sample') {
  let body = text;
  if (region) {
    const start = new RegExp(`^\\s*// #region ${region}\\s*$`, 'm').exec(text);
    if (!start) throw new Error(`docs: ${fileName} has no region "${region}"`);
    const from = start.index + start[0].length;
    const end = /^\s*\/\/ #endregion\b.*$/m.exec(text.slice(from));
    if (!end) throw new Error(`docs: region "${region}" of ${fileName} is not closed`);
    body = text.slice(from, from + end.index);
  }
  return dedent(body.replace(REGION_LINE, '')).trim();
}

/** Replaces every include line with a fenced TypeScript block; returns the files it used. */
export async function expandSamples(markdown, samplesDir) {
  const used = [];
  const parts = [];
  let last = 0;
  for (const match of markdown.matchAll(INCLUDE)) {
    const [line, file, region] = match;
    const path = join(samplesDir, file);
    const text = await readFile(path, 'utf8').catch(() => {
      throw new Error(`docs: the guide includes ${file}, which does not exist in ${samplesDir}`);
    });
    used.push(file);
    const code = extractSample(text, region, file);
    const shown = relative(join(samplesDir, '..', '..'), path).replaceAll('\\', '/');
    parts.push(markdown.slice(last, match.index));
    parts.push(
      `\`\`\`ts\n${code}\n\`\`\`\n\n<p class="wawp-sample-source">Type-checked sample: <code>${shown}</code>` +
        `${region ? ` (region <code>${region}</code>)` : ''}</p>\n`,
    );
    last = match.index + line.length;
  }
  parts.push(markdown.slice(last));
  return { markdown: parts.join(''), used };
}

/**
 * Markdown to HTML. Links to other guides may be written as `other-guide.md` (so they also
 * work when the markdown is read on a forge) and become `other-guide.html`; `reference:#x`
 * links to the API reference page.
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

function dedent(text) {
  const lines = text.replace(/^\n+/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
