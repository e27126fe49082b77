// The v1 operations the description must contain, as `METHOD path`. Kept by hand from the
// vendor's docs sidebar so that a lost or renamed operation fails the build.
export const expectedOperations = [
  // Sessions
  'POST /createSession',
  'POST /session/start',
  'POST /session/stop',
  'POST /session/restart',
  'DELETE /session/delete',
  'POST /session/logout',
  'GET /session/info',
  'GET /session/me',
] as const;
