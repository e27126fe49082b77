// Query checks that Prism leaves out, so the mock rejects what the real API (WordPress) would:
// - a required deepObject parameter that is absent altogether (`file[...]`);
// - an empty value (`limit=`), which Prism treats as "not sent";
// - numbers that only JavaScript's coercion accepts (`0x10`, `1e3` for an integer).
import type { IHttpOperation, IHttpQueryParam } from '@stoplight/types';
import { rememberedPer } from './remembered.js';

export interface QueryProblems {
  /** Required parameters that are absent. */
  missing: string[];
  /** Parameter name → what is wrong with its value. */
  invalid: Record<string, string>;
}

export type QueryCheck = (operation: IHttpOperation, query: Record<string, string | string[]>) => QueryProblems;

type ValueRule = (value: string) => string | undefined;

interface OperationRules {
  requiredObjects: string[];
  values: [name: string, rule: ValueRule][];
}

const NONE: QueryProblems = { missing: [], invalid: {} };
const INTEGER = /^-?[0-9]+$/;
const NUMBER = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const BOOLEAN = new Set(['true', 'false', '1', '0']);

/** An operation's rules are worked out the first time it is checked. */
export function createQueryCheck(): QueryCheck {
  const rulesFor = rememberedPer((operation: IHttpOperation) => rulesOf(operation.request?.query ?? []));
  return (operation, query) => {
    const rules = rulesFor(operation);
    return rules ? apply(rules, query) : NONE;
  };
}

function rulesOf(params: IHttpQueryParam[]): OperationRules | undefined {
  const requiredObjects = params.filter((p) => p.required && p.style === 'deepObject').map((p) => p.name);
  const values: OperationRules['values'] = [];
  for (const param of params) {
    if (param.style === 'deepObject' || !param.schema) continue;
    const rule = valueRule(param.name, param.schema as Record<string, unknown>);
    if (rule) values.push([param.name, rule]);
  }
  return requiredObjects.length > 0 || values.length > 0 ? { requiredObjects, values } : undefined;
}

function valueRule(name: string, schema: Record<string, unknown>): ValueRule | undefined {
  if (schema.type === 'integer') return (v) => (INTEGER.test(v) ? undefined : `${name} must be integer.`);
  if (schema.type === 'number') return (v) => (NUMBER.test(v) ? undefined : `${name} must be number.`);
  if (schema.type === 'boolean') return (v) => (BOOLEAN.has(v) ? undefined : `${name} must be boolean.`);
  if (schema.type !== 'string') return undefined;
  // Strings: Prism checks non-empty values itself; only the empty value slips through.
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum.map(String);
    return (v) =>
      v !== '' || allowed.includes('')
        ? undefined
        : `${name} must be equal to one of the allowed values: ${allowed.join(', ')}.`;
  }
  if (typeof schema.pattern === 'string' || typeof schema.minLength === 'number') {
    let acceptsEmpty = (schema.minLength ?? 0) === 0;
    if (acceptsEmpty && typeof schema.pattern === 'string') {
      try {
        acceptsEmpty = new RegExp(schema.pattern, 'u').test('');
      } catch {
        return undefined;
      }
    }
    return acceptsEmpty ? undefined : (v) => (v !== '' ? undefined : `${name} must not be empty.`);
  }
  return undefined;
}

function apply(rules: OperationRules, query: Record<string, string | string[]>): QueryProblems {
  const keys = Object.keys(query);
  const missing = rules.requiredObjects.filter((name) => !keys.some((k) => k === name || k.startsWith(`${name}[`)));
  const invalid: Record<string, string> = {};
  for (const [name, rule] of rules.values) {
    const raw = query[name];
    if (raw === undefined) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      const problem = rule(value);
      if (problem) {
        invalid[name] = problem;
        break;
      }
    }
  }
  return { missing, invalid };
}
