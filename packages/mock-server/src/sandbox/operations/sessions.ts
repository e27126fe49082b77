// Sessions and authentication: the lifecycle create → start (STARTING, then SCAN_QR_CODE) →
// scan or pairing code → WORKING, and stop, restart, logout, delete.
import { createInstance } from '../scenario.js';
import { hasKeys, type InstanceState } from '../state.js';
import { type Call, DOCUMENTED, type HandlerTable, ok, upstream } from './answer.js';

/**
 * The answer of session/info and of the lifecycle calls. It holds the state's own objects,
 * not copies: an answer is only written out (and the journal copies what it keeps), never
 * changed, and copying the webhook targets was most of the cost of this answer.
 */
export function sessionInfo(instance: InstanceState) {
  const info = instance.engine.info as Record<string, unknown> | undefined;
  // Each shape written out as a literal: spreading optional parts into the answer made
  // objects that cost more to build, copy (for the journal) and write out than the rest.
  const { name, status, webhooks } = instance;
  const config = hasKeys(instance.metadata) ? { metadata: instance.metadata, webhooks } : { webhooks };
  const me = instance.linked ? instance.me : null;
  return info && hasKeys(info) ? { name, status, config, me, engine: info } : { name, status, config, me };
}

const running = (instance: InstanceState) => instance.status !== 'STOPPED' && instance.status !== 'FAILED';

export const sessionHandlers: HandlerTable = {
  createSession({ world, params, accessToken, instance: account }: Call) {
    const id = world.ids.instanceId();
    const created = createInstance(
      {
        id,
        accessToken,
        name: params.string('name') ?? id,
        status: 'STOPPED',
        linked: false,
        metadata: { ...account.metadata, instance_id: id },
        me: { id: account.me.id },
      },
      world,
    );
    world.instances.set(id, created);
    world.boot(created);
    return ok({ name: created.name, status: created.status, config: { metadata: { ...created.metadata } } });
  },
  startSession({ world, instance }) {
    if (!running(instance)) world.boot(instance);
    return ok(sessionInfo(instance));
  },
  stopSession({ world, instance }) {
    if (instance.status !== 'STOPPED') world.setStatus(instance, 'STOPPED');
    return ok(sessionInfo(instance));
  },
  restartSession({ world, instance }) {
    if (instance.status !== 'STOPPED') world.setStatus(instance, 'STOPPED');
    world.boot(instance);
    return ok(sessionInfo(instance));
  },
  logoutSession({ world, instance }) {
    instance.linked = false;
    world.boot(instance);
    return ok(sessionInfo(instance));
  },
  deleteSession({ world, instance }) {
    if (instance.status !== 'STOPPED') world.setStatus(instance, 'STOPPED');
    world.instances.delete(instance.id);
    return ok({});
  },
  getSessionInfo: ({ instance }) => ok(sessionInfo(instance)),
  getSessionMe({ instance }) {
    if (!instance.linked) return upstream('The session is not linked to a WhatsApp account yet.');
    return ok({ ...instance.me });
  },
  requestPairingCode({ world, instance }) {
    if (instance.status !== 'SCAN_QR_CODE') {
      return upstream(`A pairing code can only be requested in SCAN_QR_CODE; the session is ${instance.status}.`);
    }
    world.later(instance, world.timing.pairingMs, () => world.link(instance));
    return ok({ code: world.ids.pairingCode() });
  },
  getQrCode({ instance }) {
    if (instance.status !== 'SCAN_QR_CODE') {
      return upstream(`There is no QR code to scan; the session is ${instance.status}.`);
    }
    // The QR itself carries no state worth simulating: the documented image or value is the answer.
    return DOCUMENTED;
  },
};
