// Builds the changelog page's markdown from the changesets: the pending ones in
// .changeset/*.md (what the next release will contain) and the CHANGELOG.md that
// `changeset version` writes into each published package (what was released).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const BUMP_ORDER = { major: 0, minor: 1, patch: 2 };

/** Parses one changeset file: `---\n"pkg": minor\n---\nSummary`. */
export function parseChangeset(text, fileName = 'changeset') {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.trimStart());
  if (!match) throw new Error(`docs: ${fileName} is not a changeset (no front matter)`);
  const releases = [];
  for (const line of match[1].split(/\r?\n/)) {
    if (!line.trim()) continue;
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (!entry) throw new Error(`docs: ${fileName}: cannot read the release line "${line.trim()}"`);
    releases.push({ name: entry[1].trim(), type: entry[2] });
  }
  return { releases, summary: match[2].trim() };
}

async function readPending(changesetDir) {
  const names = (await readdir(changesetDir).catch(() => []))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort();
  return Promise.all(
    names.map(async (name) => ({ name, ...parseChangeset(await readFile(join(changesetDir, name), 'utf8'), name) })),
  );
}

async function readReleased(repoDir) {
  const dirs = ['spec', ...(await readdir(join(repoDir, 'packages')).catch(() => [])).map((d) => `packages/${d}`)];
  const found = [];
  for (const dir of dirs.sort()) {
    const text = await readFile(join(repoDir, dir, 'CHANGELOG.md'), 'utf8').catch(() => null);
    // A CHANGELOG.md that holds only its `# <name>` heading: nothing was released yet.
    if (text === null || !text.replace(/^#\s+.*\r?\n?/, '').trim()) continue;
    const pkg = JSON.parse(await readFile(join(repoDir, dir, 'package.json'), 'utf8'));
    found.push({ name: pkg.name, text });
  }
  return found;
}

/** The whole changelog page as markdown. */
export async function changelogMarkdown(repoDir) {
  const pending = await readPending(join(repoDir, '.changeset'));
  const released = await readReleased(repoDir);
  const out = [
    '# Changelog',
    '',
    'What changed in the published packages (`@wawp/spec`, `@wawp/client`, `@wawp/webhooks-types`,',
    '`@wawp/mock-server`). They release together under one version. This page is generated from the',
    'changesets in the repository: every change that users can notice comes with one.',
    '',
    '## Unreleased',
    '',
  ];
  if (pending.length === 0) out.push('Nothing is waiting for the next release.', '');
  // Grouped like the changelogs `changeset version` writes: major, then minor, then patch.
  for (const type of Object.keys(BUMP_ORDER)) {
    const changes = pending.filter((change) => highestBump(change) === type);
    if (changes.length === 0) continue;
    out.push(`### ${capitalize(type)} changes`, '');
    for (const change of changes) {
      const packages = change.releases.map((r) => `\`${r.name}\``).join(', ');
      const [first = '', ...rest] = demoteHeadings(change.summary, 3).split('\n');
      out.push(`- ${first}`, ...rest.map((line) => (line ? `  ${line}` : '')), '', `  Packages: ${packages}.`, '');
    }
  }
  out.push('## Released', '');
  if (released.length === 0) out.push('No version has been released yet.', '');
  for (const { name, text } of released) {
    // Each CHANGELOG.md starts with `# <package name>`; the page gives it its own heading.
    const body = text.replace(/^#\s+.*\r?\n/, '').trim();
    out.push(`### ${name}`, '', demoteHeadings(body, 3), '');
  }
  return out.join('\n');
}

/**
 * Pushes markdown headings down so that the shallowest one is one level below `parentDepth`.
 * Lines inside fenced code blocks (shell comments start with `#` too) are left alone.
 */
export function demoteHeadings(markdown, parentDepth) {
  const lines = markdown.split('\n');
  let fenced = false;
  const headingLines = [];
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{1,6}\s/.test(line)) headingLines.push(index);
  });
  if (headingLines.length === 0) return markdown;
  const shallowest = Math.min(...headingLines.map((i) => /^#+/.exec(lines[i])[0].length));
  const shift = Math.max(0, parentDepth + 1 - shallowest);
  for (const i of headingLines) {
    lines[i] = lines[i].replace(/^#+/, (hashes) => '#'.repeat(Math.min(6, hashes.length + shift)));
  }
  return lines.join('\n');
}

function highestBump(change) {
  return change.releases.map((r) => r.type).sort((a, b) => BUMP_ORDER[a] - BUMP_ORDER[b])[0];
}

function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
