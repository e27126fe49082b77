// How long things take in the sandbox, in milliseconds of sandbox time. A scenario can change
// each of them; tests on a manual clock advance past them.
export interface Timing {
  /** STARTING → SCAN_QR_CODE (or WORKING when already linked). */
  startupMs: number;
  /** A requested pairing code is typed on the phone and the session links. */
  pairingMs: number;
  /** A sent message reaches the server (ack 1 SERVER, or -1 ERROR for a number not on WhatsApp). */
  serverAckMs: number;
  /** … the recipient's phone (ack 2 DEVICE). */
  deviceAckMs: number;
  /** … the recipient reads it (ack 3 READ). */
  readAckMs: number;
  /** How long a status post stays up. */
  statusTtlMs: number;
}

export const DEFAULT_TIMING: Timing = {
  startupMs: 1000,
  pairingMs: 5000,
  serverAckMs: 200,
  deviceAckMs: 1000,
  readAckMs: 3000,
  statusTtlMs: 24 * 60 * 60 * 1000,
};
