// @ts-check
// The API versions the client is generated for: which bundle of @wawp/spec, where the output
// goes, which runtime modules the generated code imports, and which golden surface file
// reviews its names. One list, so the generator, the surface check and the tests agree.

/**
 * @typedef {object} ApiVersion
 * @property {'v1' | 'v2'} name
 * @property {string} spec the bundle, as a package export of the spec package
 * @property {string} dir output folder under src/generated/ ('' or 'v2/')
 * @property {string} surface the golden surface file, relative to the package
 * @property {string} title the surface file's heading
 * @property {{ operation: string, client: string, clientType: string, face: string, faceType: string }} runtime
 *   modules (relative to the output folder) and type names the generated code imports
 */

/** @type {readonly ApiVersion[]} */
export const API_VERSIONS = [
  {
    name: 'v1',
    spec: '@wawp/spec/openapi.json',
    dir: '',
    surface: 'surface/operations.md',
    title: '# Public surface of `@wawp/client`',
    runtime: {
      operation: '../operation.js',
      client: '../client.js',
      clientType: 'WawpPathClient',
      face: '../wawp.js',
      faceType: 'Wawp',
    },
  },
  {
    name: 'v2',
    spec: '@wawp/spec/openapi-v2.json',
    dir: 'v2/',
    surface: 'surface/operations-v2.md',
    title: '# Public surface of `@wawp/client/v2`',
    runtime: {
      operation: '../../v2/operation.js',
      client: '../../v2/client.js',
      clientType: 'WawpV2PathClient',
      face: '../../v2/wawp.js',
      faceType: 'WawpV2',
    },
  },
];
