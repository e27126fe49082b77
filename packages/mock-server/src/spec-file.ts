// An OpenAPI document read from a file once: the sandbox reads its bundles for its own
// answers and hands the same reading to the mock's engines, which key Prism's stored
// operations by the file's bytes. The text is decoded and parsed on first use: with the
// stored reading of a bundled document, static mode needs neither (decoding a bundle's
// megabyte of UTF-8, some of it not ASCII, cost more than hashing its bytes).
import { readFileSync } from 'node:fs';
import { prismYaml } from './prism-modules.js';
import { readStoredDocument } from './prism-operations.js';

export class SpecFile {
  #text: string | undefined;
  #document: { value: unknown } | undefined;

  constructor(
    readonly path: string,
    readonly bytes: Uint8Array,
  ) {}

  get text(): string {
    this.#text ??= Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8');
    return this.#text;
  }

  /**
   * The parsed document: JSON, else YAML, read by Prism's own YAML reader as Prism reads the
   * rest. A bundled document comes from its stored reading, each part parsed when read.
   */
  get document(): unknown {
    this.#document ??= { value: readStoredDocument(this.bytes) ?? parseDocument(this.text) };
    return this.#document.value;
  }
}

export function readSpecFile(path: string): SpecFile {
  return new SpecFile(path, readFileSync(path));
}

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return prismYaml.parse(text);
  }
}
