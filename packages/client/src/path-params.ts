import { WawpArgumentError } from './errors.js';

const PLACEHOLDER = /\{[.;]?([^{}*]+)\*?\}/g;
// `.` or `..`, the dots also percent-encoded, once or more (`%2e`, `%252E`): a URL parser
// removes such a segment with the one before it, and a server that decodes twice does too.
const DOT_SEGMENT = /^(?:\.|%(?:25)*2e){1,2}$/i;
// Slashes, also encoded, inside a value: a proxy that decodes them before routing sees segments.
const SLASH = /[/\\]|%(?:25)*(?:2f|5c)/i;

/**
 * Refuses path parameters that would send the call to another endpoint: missing, empty, not
 * a string or number, or a dot segment (`..` in `DELETE /chats/{chatId}/messages/{messageId}`
 * would delete the chat). Encoding does not help: `%2E%2E` is a dot segment to URL parsers too.
 */
export function checkPathParams(method: string, template: string, params: Record<string, unknown> | undefined): void {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    const key = name as string;
    const value = params?.[key];
    const problem =
      value === undefined || value === null
        ? 'is missing'
        : typeof value !== 'string' && typeof value !== 'number'
          ? 'must be a string or a number'
          : String(value) === ''
            ? 'is empty'
            : String(value)
                  .split(SLASH)
                  .some((part) => DOT_SEGMENT.test(part))
              ? "is or contains a dot segment ('.' or '..', also percent-encoded)"
              : undefined;
    if (problem) {
      throw new WawpArgumentError(
        `${method} ${template}: path parameter \`${key}\` ${problem}, which would send the call to another endpoint`,
        { method, path: template },
        key,
      );
    }
  }
}
