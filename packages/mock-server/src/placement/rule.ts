// Where a call's parameters may travel, and which wins when one travels twice. The fact has
// its home in the spec, as the root extension `x-wawp-parameter-placement`; the mock reads it
// from the document it serves and never keeps its own list of operations. A document without
// the extension gets WordPress's rule, which is what the real API runs on
// (`WP_REST_Request::get_param`): any parameter may come in the query string, a JSON body or
// a form body, and the JSON body wins over the form body, the form body over the query
// string, the query string over the path.

export type Placement = 'query' | 'json' | 'form';
export type Source = Placement | 'path';

export interface PlacementRule {
  /** Where parameters are read from, besides the path. */
  accepted: readonly Placement[];
  /** First wins: the source a parameter is taken from when it appears in several. */
  precedence: readonly Source[];
}

export const WORDPRESS_RULE: PlacementRule = {
  accepted: ['query', 'json', 'form'],
  precedence: ['json', 'form', 'query', 'path'],
};

const PLACEMENTS = new Set<string>(['query', 'json', 'form']);
const SOURCES = new Set<string>(['query', 'json', 'form', 'path']);

/**
 * Reads the rule from an OpenAPI document's root. The extension is an object with the
 * accepted placements (`accepted`, or `placements`) and the `precedence` list; what it leaves
 * out keeps WordPress's value. A malformed extension is an error in the spec, reported at start.
 */
export function placementRuleOf(document: unknown): PlacementRule {
  const extension = (document as Record<string, unknown> | null)?.['x-wawp-parameter-placement'];
  if (extension === undefined) return WORDPRESS_RULE;
  if (!extension || typeof extension !== 'object' || Array.isArray(extension)) {
    throw new Error('x-wawp-parameter-placement must be an object');
  }
  const value = extension as Record<string, unknown>;
  const accepted = listOf(value.accepted ?? value.placements, PLACEMENTS, 'accepted placements');
  const precedence = listOf(value.precedence, SOURCES, 'precedence');
  return {
    accepted: (accepted ?? WORDPRESS_RULE.accepted) as Placement[],
    precedence: (precedence ?? WORDPRESS_RULE.precedence) as Source[],
  };
}

function listOf(raw: unknown, allowed: Set<string>, what: string): string[] | undefined {
  if (raw === undefined) return undefined;
  // Entries may be plain names or objects naming one (`{ in: json, mediaType: … }`).
  const names = Array.isArray(raw)
    ? raw.map((entry) => (typeof entry === 'string' ? entry : (entry as Record<string, unknown>)?.in))
    : undefined;
  if (!names || names.some((n) => typeof n !== 'string' || !allowed.has(n))) {
    throw new Error(
      `x-wawp-parameter-placement: ${what} must be a list of ${[...allowed].join(', ')}, got ${JSON.stringify(raw)}`,
    );
  }
  return names as string[];
}
