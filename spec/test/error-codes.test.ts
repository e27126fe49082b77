import { describe, expect, it } from 'vitest';
import { loadBundle } from './load.js';

const schemas = loadBundle('openapi').components.schemas;

describe('ErrorCode', () => {
  const known: string[] = schemas.KnownErrorCode.enum;

  it('lists every code the mock server sends', () => {
    const mockCodes = [
      'invalid_access_token',
      'invalid_instance',
      'internal_server_error',
      'mock_invalid_preference',
      'mock_response_not_documented',
      'mock_fault',
      'rate_limited',
      'rest_invalid_json',
      'rest_invalid_param',
      'rest_invalid_url',
      'rest_missing_callback_param',
      'rest_no_route',
      'rest_not_acceptable',
      'rest_request_too_large',
      'rest_unsupported_media_type',
      'server_not_found',
      'wawp_upstream_error',
    ];
    expect(known).toEqual(expect.arrayContaining(mockCodes));
  });

  it('lists every code real clients handle', () => {
    // The vendor's docs, its WordPress plugin (wawp_api_error, proxy_error, invalid_instance)
    // and third-party v2 clients (invalid_session, missing_param).
    const clientCodes = [
      'invalid_instance',
      'invalid_access_token',
      'server_not_found',
      'wawp_upstream_error',
      'wawp_api_error',
      'proxy_error',
      'bad_format',
      'quota_reached',
      'invalid_session',
      'missing_param',
    ];
    expect(known).toEqual(expect.arrayContaining(clientCodes));
  });

  it('describes every known code in its table, once', () => {
    for (const code of known) expect(schemas.KnownErrorCode.description.split(`| \`${code}\` |`)).toHaveLength(2);
  });

  it('stays open for codes not seen yet', () => {
    expect(schemas.ErrorCode.anyOf).toEqual([{ $ref: '#/components/schemas/KnownErrorCode' }, { type: 'string' }]);
  });

  it('declares where WordPress names bad parameters and where the engine detail travels', () => {
    const data = schemas.WawpError.properties.data;
    expect(Object.keys(data.properties)).toEqual(['status', 'params', 'details']);
  });
});
