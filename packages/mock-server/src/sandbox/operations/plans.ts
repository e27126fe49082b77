// What v2 adds to an account: webhook settings through the API (paid plans only: a free
// account gets 403 `subscription_required`) and the sending policies (`/session/rate-limit`),
// whose limits the sandbox then enforces on every send, v1's and v2's alike.
import type { InstanceState, WebhookTarget } from '../state.js';
import { type Answer, type Call, type HandlerTable, invalidParam, ok } from './answer.js';

function subscriptionRequired({ answers }: Call, operationId: string): Answer {
  return { status: 403, body: answers.error(operationId, 403, 'subscription_required') };
}

function webhookSettings(instance: InstanceState) {
  return {
    webhooks: instance.webhooks.map((w) => ({ url: w.url, events: [...w.events], is_active: true })),
    systemConfig: {},
  };
}

function policyListing({ answers, instance }: Call) {
  const { free, policies } = answers.rateLimitPolicies();
  const paid = instance.plan === 'paid';
  return {
    has_active_plan: paid,
    free_policies: [...free],
    policies: policies.map((p) => ({ ...p, limits: { ...p.limits }, available: paid || free.includes(p.slug) })),
    // Not named by the vendor's page; the listing's schema is open, and a test wants to see it.
    active_policy: instance.rateLimitPolicy,
  };
}

export const planHandlers: HandlerTable = {
  getWebhooks(call) {
    if (call.instance.plan !== 'paid') return subscriptionRequired(call, 'getWebhooks');
    return ok(webhookSettings(call.instance));
  },
  setWebhooks(call) {
    if (call.instance.plan !== 'paid') return subscriptionRequired(call, 'setWebhooks');
    const list = call.params.list('webhooks') ?? [];
    const targets: WebhookTarget[] = [];
    for (const item of list) {
      const entry = (item ?? {}) as { url?: unknown; events?: unknown; is_active?: unknown };
      // An inactive webhook gets no deliveries: the sandbox keeps only the active ones.
      if (entry.is_active === false || entry.is_active === 0 || entry.is_active === '0' || entry.is_active === 'false')
        continue;
      const events = Array.isArray(entry.events) ? entry.events.map(String) : ['*'];
      targets.push({ url: String(entry.url), events, hmac: null, retries: null });
    }
    call.instance.webhooks = targets;
    return ok(webhookSettings(call.instance));
  },
  getRateLimitPolicies: (call) => ok(policyListing(call)),
  setRateLimitPolicy(call) {
    const slug = call.params.string('policy_slug') ?? '';
    const { free, policies } = call.answers.rateLimitPolicies();
    if (!policies.some((p) => p.slug === slug)) {
      return invalidParam('policy_slug', `policy_slug must be one of ${policies.map((p) => p.slug).join(', ')}.`);
    }
    if (call.instance.plan !== 'paid' && !free.includes(slug)) return subscriptionRequired(call, 'setRateLimitPolicy');
    call.instance.rateLimitPolicy = slug;
    return ok(policyListing(call));
  },
};
