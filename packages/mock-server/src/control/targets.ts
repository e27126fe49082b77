// Where the control plane may send webhook deliveries. A control call can come from anything
// that reaches the port, so by default it may only POST to this machine's loopback interface:
// never to the LAN, a cloud metadata address or the internet. The check works on the URL as
// WHATWG parses it, which already turns every other spelling of an IP (decimal `2130706433`,
// hex `0x7f.1`, octal, IPv4-mapped IPv6) into its canonical form. DNS names other than
// `localhost` are refused outright: what they resolve to can change between the check and the
// connection (DNS rebinding). Redirects are never followed (the emitter sends `redirect: manual`).

export type TargetCheck =
  | { ok: true; url: URL }
  | { ok: false; code: 'webhook_invalid_url' | 'webhook_target_not_allowed'; reason: string };

/** Checks a delivery target against the loopback rule and the hosts named with `--allow-webhook-target`. */
export function checkWebhookTarget(raw: unknown, allowed: readonly string[] = []): TargetCheck {
  if (typeof raw !== 'string' || raw === '')
    return { ok: false, code: 'webhook_invalid_url', reason: 'to must be an absolute http(s) URL.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'webhook_invalid_url', reason: 'to must be an absolute http(s) URL.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'webhook_invalid_url', reason: `to must use http or https, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      code: 'webhook_invalid_url',
      reason: 'to must not carry credentials (user:pass@); put a secret in the path or use hmacKey.',
    };
  }
  if (isLoopbackHost(url.hostname) || isAllowed(url, allowed)) return { ok: true, url };
  return {
    ok: false,
    code: 'webhook_target_not_allowed',
    reason:
      `The mock only delivers to loopback addresses (127.0.0.0/8, [::1], localhost), not to ${url.host}; ` +
      'start it with --allow-webhook-target <host> to allow another receiver.',
  };
}

/** `localhost`, an IPv4 address in 127.0.0.0/8, `[::1]` or an IPv4-mapped loopback address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return Number(v4[1]) === 127 && v4.slice(2).every((part) => Number(part) <= 255);
  if (host === '[::1]') return true;
  // WHATWG writes ::ffff:127.0.0.1 as [::ffff:7f00:1]; the first 16 bits after ffff start with 7f.
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/**
 * An entry of the allow list names a host (`hooks.internal`, `10.0.0.5`, `[fd00::1]`) or a
 * host and port (`hooks.internal:8443`). Comparison uses the parsed URL, so spellings agree.
 */
function isAllowed(url: URL, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    let parsed: URL;
    try {
      parsed = new URL(`http://${entry}`);
    } catch {
      return false;
    }
    if (parsed.hostname !== url.hostname) return false;
    return parsed.port === '' || parsed.port === effectivePort(url);
  });
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** Validates an allow-list entry up front, so a typo fails at start rather than on every call. */
export function validateAllowedTarget(entry: string): string | undefined {
  try {
    const parsed = new URL(`http://${entry}`);
    if (parsed.username || parsed.password || parsed.pathname !== '/' || parsed.search || parsed.hash) {
      return `"${entry}" must be a host or host:port, without a scheme, path or credentials`;
    }
    return undefined;
  } catch {
    return `"${entry}" is not a host or host:port`;
  }
}
