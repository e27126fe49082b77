import type { UnknownWebhookEvent, WawpWebhookEvent, WebhookEvent, WebhookEventName } from '../generated/types.js';

/** Anything `dispatch` accepts: a parsed delivery, known or not. */
export type AnyWebhookEvent = WawpWebhookEvent | UnknownWebhookEvent;
export type WebhookHandler<E> = (event: E) => unknown;
export type WebhookErrorHandler = (error: AggregateError, event: AnyWebhookEvent) => unknown;

export interface WebhookRouter {
  /** Runs `handler` for deliveries of one event, or of any of several. */
  on<E extends WebhookEventName>(names: E | readonly E[], handler: WebhookHandler<WebhookEvent<E>>): WebhookRouter;
  /** Runs `handler` for every delivery, including events this version does not know. */
  onAny(handler: WebhookHandler<AnyWebhookEvent>): WebhookRouter;
  /** Told when handlers fail, with all their errors in one `AggregateError`. */
  onError(handler: WebhookErrorHandler): WebhookRouter;
  /**
   * Runs every matching handler (all of them, even when some fail). When any fails, calls
   * the `onError` handlers and then rejects with the `AggregateError`, so an HTTP adapter
   * can answer 500 and the sender retries.
   */
  dispatch(event: AnyWebhookEvent): Promise<void>;
}

/**
 * The router's dispatch without the promise when every handler was synchronous and none
 * failed: what the receiver calls on its hot path. Module-private, so routers written by
 * users (anything with `dispatch`) keep working through `dispatch`.
 */
export const dispatchNow: unique symbol = Symbol('dispatchNow');
export type DispatchNow = (event: AnyWebhookEvent) => undefined | Promise<void>;

interface Route {
  names: ReadonlySet<string> | undefined;
  handler: WebhookHandler<never>;
}

export function createWebhookRouter(): WebhookRouter {
  const routes: Route[] = [];
  const errorHandlers: WebhookErrorHandler[] = [];

  async function reportFailure(errors: unknown[], handlers: number, event: AnyWebhookEvent): Promise<never> {
    const failure = new AggregateError(
      errors,
      `${errors.length} of ${handlers} webhook handler(s) failed for ${String(event.event)}`,
    );
    for (const onError of errorHandlers) {
      try {
        await onError(failure, event);
      } catch {
        // An error handler that fails has nobody left to tell; the delivery still fails below.
      }
    }
    throw failure;
  }

  const router: WebhookRouter = {
    on(names, handler) {
      const list: readonly string[] = typeof names === 'string' ? [names] : names;
      if (list.length === 0 || list.some((n) => typeof n !== 'string')) {
        throw new TypeError('router.on needs an event name or a non-empty list of names');
      }
      if (typeof handler !== 'function') throw new TypeError('router.on needs a handler function');
      routes.push({ names: new Set(list), handler: handler as WebhookHandler<never> });
      return router;
    },
    onAny(handler) {
      if (typeof handler !== 'function') throw new TypeError('router.onAny needs a handler function');
      routes.push({ names: undefined, handler: handler as WebhookHandler<never> });
      return router;
    },
    onError(handler) {
      if (typeof handler !== 'function') throw new TypeError('router.onError needs a handler function');
      errorHandlers.push(handler);
      return router;
    },
    async dispatch(event) {
      await run(event);
    },
  };

  function run(event: AnyWebhookEvent): undefined | Promise<void> {
    let pending: Promise<unknown>[] | undefined;
    let errors: unknown[] | undefined;
    let handlers = 0;
    for (const route of routes) {
      if (route.names && !route.names.has(event.event)) continue;
      handlers++;
      try {
        const result = (route.handler as WebhookHandler<AnyWebhookEvent>)(event);
        // Only await what is actually asynchronous; synchronous handlers cost no promise.
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          pending ??= [];
          pending.push(Promise.resolve(result));
        }
      } catch (error) {
        errors ??= [];
        errors.push(error);
      }
    }
    if (!pending && !errors) return undefined;
    return settle(pending ?? [], errors ?? [], handlers, event);
  }

  async function settle(pending: Promise<unknown>[], errors: unknown[], handlers: number, event: AnyWebhookEvent) {
    for (const outcome of await Promise.allSettled(pending)) {
      if (outcome.status === 'rejected') errors.push(outcome.reason);
    }
    if (errors.length > 0) await reportFailure(errors, handlers, event);
  }

  Object.defineProperty(router, dispatchNow, { value: run });
  return router;
}
