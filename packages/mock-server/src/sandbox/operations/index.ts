// Every operation the sandbox answers from state, by operation id. An operation not listed
// here (channel search catalogues, the screenshot) answers with its documented example.
import type { HandlerTable } from './answer.js';
import { chatHandlers } from './chats.js';
import { contactHandlers } from './contacts.js';
import { groupHandlers } from './groups.js';
import { labelHandlers } from './labels.js';
import { messageHandlers } from './messages.js';
import { planHandlers } from './plans.js';
import { presenceHandlers } from './presence.js';
import { sessionHandlers } from './sessions.js';

export const handlers: HandlerTable = {
  ...sessionHandlers,
  ...messageHandlers,
  ...chatHandlers,
  ...contactHandlers,
  ...groupHandlers,
  ...labelHandlers,
  ...presenceHandlers,
  ...planHandlers,
};

/** Operations that work whatever the session's state (they manage the session itself). */
export const SESSION_OPERATIONS = new Set([
  'createSession',
  'startSession',
  'stopSession',
  'restartSession',
  'deleteSession',
  'logoutSession',
  'getSessionInfo',
  'getSessionMe',
  'getQrCode',
  'requestPairingCode',
  'getScreenshot',
]);
