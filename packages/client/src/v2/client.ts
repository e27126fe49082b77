import type { Client } from 'openapi-fetch';
import { pathFace } from '../client.js';
import { createCore, type WawpClientOptions, type WawpCore } from '../core.js';
import { retrySafeRoutes, SERVER_URL } from '../generated/v2/client-facts.js';
import type { paths } from '../generated/v2/openapi.js';
import { type CredentialPlacement, credentialHeaders } from './credentials.js';

/** The production v2 root, from the v2 description's first server. */
export const DEFAULT_V2_BASE_URL: string = SERVER_URL;

export interface WawpV2ClientOptions extends WawpClientOptions {
  /** API root; defaults to the production v2 URL. Use the mock's `${url}/v2` in tests. */
  baseUrl?: string;
  /**
   * Where the access token travels: `query` (default, `access_token=…` as in v1), `header`
   * (`access-token: …`) or `bearer` (`Authorization: Bearer …`). The instance id always
   * travels in the query string. In a browser, both headers make a cross-origin call a
   * preflighted one.
   */
  credentials?: CredentialPlacement;
}

/** The path face of v2: openapi-fetch's `GET`/`POST`/… typed by the v2 description, over a Wawp core. */
export type WawpV2PathClient = Client<paths, 'application/json'> & { readonly core: WawpCore };

export function createWawpV2Client(options: WawpV2ClientOptions): WawpV2PathClient {
  const factory = 'createWawpV2Client';
  // An empty token gets the core's own error, which says what is wrong with it.
  const headers = credentialHeaders(factory, options.credentials ?? 'query', options.accessToken);
  const core = createCore(options, {
    api: 'v2',
    factory,
    defaultBaseUrl: DEFAULT_V2_BASE_URL,
    retrySafeRoutes,
    ...(headers && { credentialHeaders: headers }),
  });
  return pathFace(core) as WawpV2PathClient;
}
