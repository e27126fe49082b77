export interface FoundExample {
  /** JSON pointer of the example in the document. */
  where: string;
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string;
  value: unknown;
}
export function collectExamples(doc: object): FoundExample[];
export function findExampleProblems(doc: object): string[];
