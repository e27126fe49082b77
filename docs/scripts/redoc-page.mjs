// Post-processing of the page that `redocly build-docs` writes: make it self-contained
// (no CDN) and give it the site's navigation bar, so the reference and the guides link
// to each other.
import { navBar } from './site.mjs';

/**
 * Replaces `import { hydrate } from "https://cdn…/redoc.standalone.js"` in the page's module
 * script with the runtime itself. Fails loudly if Redocly changes the page's shape, rather
 * than shipping docs that silently depend on a CDN.
 */
export function inlineRedocRuntime(html, runtime) {
  const importLine = /import\s*\{\s*hydrate\s*\}\s*from\s*"https:\/\/cdn\.redocly\.com\/[^"]+";/;
  if (!importLine.test(html)) throw new Error('docs: the Redoc CDN import was not found in the built page');
  const exportTail = /export\s*\{\s*RedocStandalone\s*,\s*hydrate\s*,\s*init\s*\}\s*;?\s*$/;
  if (!exportTail.test(runtime)) throw new Error('docs: the Redoc runtime does not end with its expected exports');
  // The page also preloads the runtime from the CDN; with the runtime inlined that goes.
  const preload = /<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com\/[^"]+"[^>]*>/g;
  const rest = html.replace(importLine, '').replace(preload, '');
  if (/https:\/\/cdn\./.test(rest)) throw new Error('docs: the page loads more from a CDN than the Redoc runtime');
  const inlined = localizeRuntimeAssets(runtime.replace(exportTail, '')).replaceAll('</script', '<\\/script');
  return html.replace(preload, '').replace(importLine, () => inlined);
}

/**
 * The runtime's sidebar footer shows Redocly's logo from their CDN: a request off the machine
 * and, offline, a console error. The logo is replaced by a small inline SVG with the same words.
 */
export function localizeRuntimeAssets(runtime) {
  const logo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
  const local = runtime.replace(logo, LOGO_DATA_URI);
  const remaining = /https:\/\/cdn\.redoc\.ly\/[^`'"\s]+/.exec(local);
  if (remaining) throw new Error(`docs: the Redoc runtime loads another asset from a CDN: ${remaining[0]}`);
  return local;
}

const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="12" viewBox="0 0 52 12">' +
    '<text x="0" y="10" font-family="sans-serif" font-size="10" font-weight="600" fill="#4a5568">Redocly</text></svg>',
)}`;

/**
 * Adds the site stylesheet and navigation bar. Must run before the runtime is inlined:
 * the first `<body>` and `</head>` of Redocly's template are then the page's own.
 * `current` is the reference the page shows: 'reference' (v1) or 'reference-v2'.
 */
export function addSiteNavigation(html, current = 'reference') {
  const head = html.indexOf('</head>');
  const body = html.indexOf('<body>');
  if (head < 0 || body < head) throw new Error('docs: the built page has no <head>/<body> where expected');
  // Redoc's page is as tall as the window (its content scrolls past the body's end), so a
  // sticky bar would scroll away: the bar is fixed and the page starts below it. Redoc's own
  // sticky sidebar and scroll offsets use `scrollYOffset` (docs/redocly.yaml), the same 48px.
  const style =
    '<link rel="stylesheet" href="assets/site.css">\n' +
    '<style>.wawp-site-nav { position: fixed; left: 0; right: 0; } ' +
    'body { padding-top: var(--wawp-nav-height); }</style>\n';
  const afterBody = body + '<body>'.length;
  return (
    html.slice(0, head) +
    style +
    html.slice(head, afterBody) +
    `\n${navBar({ from: 'root', current })}\n` +
    html.slice(afterBody)
  );
}
