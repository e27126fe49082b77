// The shape of the docs site: which pages exist, where they land in dist/, and the one
// navigation bar shared by the reference and the guides. Every link is relative, so the
// site works from a server and straight from the filesystem (file://).

/** Guide pages in reading order. `source` is under docs/guides/; `null` means generated. */
export const GUIDES = [
  { slug: 'getting-started', title: 'Getting started', source: 'getting-started.md' },
  { slug: 'receiving-webhooks', title: 'Receiving webhooks', source: 'receiving-webhooks.md' },
  { slug: 'testing-with-the-mock', title: 'Testing with the mock', source: 'testing-with-the-mock.md' },
  { slug: 'testing-a-bot', title: 'Testing a bot end to end', source: 'testing-a-bot.md' },
  { slug: 'errors-and-retries', title: 'Errors and retries', source: 'errors-and-retries.md' },
  { slug: 'scale', title: 'Running receivers and senders on several machines', source: 'scale.md' },
  { slug: 'migrating-to-v2', title: 'Migrating to v2', source: 'migrating-to-v2.md' },
  { slug: 'changelog', title: 'Changelog', source: null },
];

export const SITE_TITLE = 'Wawp API docs';

/** The reference pages, one per API version, relative to dist/; the first is the site's home. */
export const REFERENCES = [
  { id: 'reference', version: 'v1', file: 'index.html', spec: 'openapi' },
  { id: 'reference-v2', version: 'v2', file: 'v2.html', spec: 'openapi-v2' },
];

/** The guide's file in dist/, relative to dist/. */
export function guideFile(slug) {
  return `guides/${slug}.html`;
}

/**
 * The navigation bar. `from` is where the page sits: 'root' (dist/index.html) or 'guides'.
 * `current` is the slug of the page, or the id of a reference page ('reference', 'reference-v2').
 * The version switch moves between the references of the two API versions.
 */
export function navBar({ from, current }) {
  const up = from === 'guides' ? '../' : '';
  const link = (href, label, id) =>
    `<a href="${href}"${id === current ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`;
  const links = [
    link(`${up}index.html`, 'API reference', 'reference'),
    ...GUIDES.map((guide) => link(`${up}${guideFile(guide.slug)}`, guide.title, guide.slug)),
  ];
  const versions = REFERENCES.map((ref) => link(`${up}${ref.file}`, ref.version, ref.id)).join('');
  return (
    `<nav class="wawp-site-nav" aria-label="Documentation">` +
    `<a class="wawp-site-brand" href="${up}index.html">${escapeHtml(SITE_TITLE)}</a>` +
    `<span class="wawp-version-switch" role="group" aria-label="API version">${versions}</span>` +
    `<div class="wawp-site-links">${links.join('')}</div></nav>`
  );
}

/** The stylesheet of the navigation bar and the guide pages, written to dist/assets/site.css. */
export const SITE_CSS = `
:root { --wawp-nav-height: 48px; --wawp-accent: #0b7a53; --wawp-text: #1f2933; --wawp-muted: #52606d; }
.wawp-site-nav {
  position: sticky; top: 0; z-index: 1000; box-sizing: border-box; height: var(--wawp-nav-height);
  display: flex; align-items: center; gap: 24px; padding: 0 20px; overflow-x: auto; white-space: nowrap;
  background: #0f2a22; color: #fff; font: 500 14px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.wawp-site-nav a { color: #d7eee5; text-decoration: none; }
.wawp-site-nav a:hover, .wawp-site-nav a[aria-current="page"] { color: #fff; text-decoration: underline; }
.wawp-site-brand { flex: none; font-weight: 700; color: #fff !important; }
.wawp-site-links { display: flex; gap: 18px; }
.wawp-version-switch { flex: none; display: flex; border: 1px solid #3e6b5b; border-radius: 4px; overflow: hidden; }
.wawp-version-switch a { padding: 4px 10px; }
.wawp-version-switch a[aria-current="page"] { background: #d7eee5; color: #0f2a22 !important; text-decoration: none; }

body.wawp-guide { margin: 0; color: var(--wawp-text); background: #fff;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.wawp-guide-layout { display: flex; max-width: 1180px; margin: 0 auto; }
.wawp-toc { flex: 0 0 230px; position: sticky; top: var(--wawp-nav-height); align-self: flex-start;
  max-height: calc(100vh - var(--wawp-nav-height)); overflow-y: auto; padding: 28px 16px; font-size: 14px; }
.wawp-toc p { margin: 0 0 8px; font-weight: 600; color: var(--wawp-muted); text-transform: uppercase; font-size: 12px; }
.wawp-toc ul { list-style: none; margin: 0; padding: 0; }
.wawp-toc li { margin: 4px 0; }
.wawp-toc li.depth-3 { padding-left: 12px; }
.wawp-toc a { color: var(--wawp-muted); text-decoration: none; }
.wawp-toc a:hover { color: var(--wawp-accent); }
main.wawp-content { flex: 1 1 auto; min-width: 0; padding: 12px 32px 64px; }
main.wawp-content a { color: var(--wawp-accent); }
main.wawp-content h1 { font-size: 2em; margin: 0.8em 0 0.4em; }
main.wawp-content h2 { margin-top: 1.8em; padding-bottom: 4px; border-bottom: 1px solid #e4e7eb; }
main.wawp-content code { font: 0.9em/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  background: #f1f4f6; padding: 1px 4px; border-radius: 3px; }
main.wawp-content pre { background: #102a43; color: #e6edf3; padding: 14px 16px; border-radius: 6px; overflow-x: auto; }
main.wawp-content pre code { background: none; padding: 0; color: inherit; }
main.wawp-content table { border-collapse: collapse; margin: 1em 0; }
main.wawp-content th, main.wawp-content td { border: 1px solid #d9e2ec; padding: 6px 10px; text-align: left; vertical-align: top; }
main.wawp-content blockquote { margin: 1em 0; padding: 4px 16px; border-left: 4px solid var(--wawp-accent); background: #f3faf7; }
.wawp-sample-source { font-size: 12px; color: var(--wawp-muted); margin: -8px 0 16px; }
.wawp-pager { display: flex; justify-content: space-between; margin-top: 48px; padding-top: 16px; border-top: 1px solid #e4e7eb; }
@media (max-width: 800px) { .wawp-toc { display: none; } main.wawp-content { padding: 8px 16px 48px; } }
`;

/** A guide page: navigation bar, on-page contents, the rendered markdown and previous/next links. */
export function guidePage({ slug, title, bodyHtml, headings }) {
  const index = GUIDES.findIndex((guide) => guide.slug === slug);
  const previous = GUIDES[index - 1];
  const next = GUIDES[index + 1];
  const toc = headings
    .filter((h) => h.depth === 2 || h.depth === 3)
    .map((h) => `<li class="depth-${h.depth}"><a href="#${h.id}">${h.html}</a></li>`)
    .join('');
  const pager =
    `<footer class="wawp-pager">` +
    (previous
      ? `<a href="${previous.slug}.html">← ${escapeHtml(previous.title)}</a>`
      : '<a href="../index.html">← API reference</a>') +
    (next ? `<a href="${next.slug}.html">${escapeHtml(next.title)} →</a>` : '<span></span>') +
    `</footer>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(SITE_TITLE)}</title>
<link rel="stylesheet" href="../assets/site.css">
</head>
<body class="wawp-guide">
${navBar({ from: 'guides', current: slug })}
<div class="wawp-guide-layout">
<aside class="wawp-toc"><p>On this page</p><ul>${toc}</ul></aside>
<main class="wawp-content">
${bodyHtml}
${pager}
</main>
</div>
</body>
</html>
`;
}

export function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
