// An OpenAPI document read from a file once: the sandbox reads its bundles for its own
// answers and hands the same reading to the mock's engines, which key Prism's stored
// operations by the text. The text is parsed on first use: with the stored reading of a
// bundled document, static mode never needs it parsed.
import { readFileSync } from 'node:fs';
import { prismYaml } from './prism-modules.js';

export class SpecFile {
  #document: { value: unknown } | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** The parsed document: JSON, else YAML, read by Prism's own YAML reader as Prism reads the rest. */
  get document(): unknown {
    this.#document ??= { value: parseDocument(this.text) };
    return this.#document.value;
  }
}

export function readSpecFile(path: string): SpecFile {
  return new SpecFile(path, readFileSync(path, 'utf8'));
}

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return prismYaml.parse(text);
  }
}
