import type { Ajv2020 } from 'ajv/dist/2020.js';

// A bundled document is walked generically.
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI/AsyncAPI nodes have no static shape here
type Node = any;

export function resolveRef(doc: object, node: Node, pointer?: string): { node: Node; pointer: string };
export function firstExample(doc: object, holder: Node): { value: unknown } | undefined;
export function createSpecAjv(doc: object, id: string): Ajv2020;
