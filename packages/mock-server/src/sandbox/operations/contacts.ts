// Contacts: who is on WhatsApp (check-exists and the acks of a send agree), names, blocking.
import { page, sorted } from '../lists.js';
import { type ContactRecord, digitsOf, type InstanceState, isOnWhatsApp } from '../state.js';
import { type Call, type HandlerTable, notFound, ok, update } from './answer.js';

export function contactView(contact: ContactRecord) {
  return {
    id: contact.id,
    number: digitsOf(contact.id),
    name: contact.name,
    pushname: contact.pushname,
    shortName: contact.name?.split(' ')[0] ?? null,
    isMe: false,
    isUser: true,
    isGroup: false,
    isWAContact: contact.onWhatsApp,
    isMyContact: contact.saved,
    isBlocked: contact.blocked,
    isBusiness: contact.isBusiness,
    isEnterprise: false,
  };
}

/** The contact a call names, created as an unsaved one when the number is on WhatsApp. */
function contactOf(instance: InstanceState, id: string): ContactRecord | undefined {
  const key = id.endsWith('@c.us') ? id : `${digitsOf(id)}@c.us`;
  const known = instance.contacts.get(key);
  if (known || !isOnWhatsApp(instance, key)) return known;
  const created: ContactRecord = {
    id: key,
    name: null,
    pushname: null,
    onWhatsApp: true,
    blocked: false,
    saved: false,
    about: null,
    picture: null,
    isBusiness: false,
  };
  instance.contacts.set(key, created);
  return created;
}

function withContact(call: Call, then: (contact: ContactRecord) => ReturnType<typeof ok>) {
  const id = call.params.string('contactId') as string;
  const contact = contactOf(call.instance, id);
  return contact ? then(contact) : notFound(`${id} is not on WhatsApp.`);
}

export const contactHandlers: HandlerTable = {
  listContacts({ instance, params }) {
    const contacts = sorted(
      [...instance.contacts.values()].filter((c) => c.onWhatsApp),
      params,
      {
        id: (c) => c.id,
        name: (c) => c.name ?? c.pushname ?? '',
      },
    );
    return ok(page(contacts, params).map(contactView));
  },
  getContact: (call) => withContact(call, (c) => ok(contactView(c))),
  checkContactExists({ instance, params }) {
    const digits = digitsOf(params.string('phone') ?? '');
    const exists = digits.length > 0 && isOnWhatsApp(instance, digits);
    return ok({ numberExists: exists, chatId: exists ? `${digits}@c.us` : null });
  },
  getContactAbout: (call) => withContact(call, (c) => ok({ about: c.about })),
  getContactProfilePicture: (call) => withContact(call, (c) => ok({ profilePictureURL: c.picture })),
  blockContact: (call) => withContact(call, update({ blocked: true })),
  unblockContact: (call) => withContact(call, update({ blocked: false })),
  upsertContact: (call) =>
    withContact(call, (c) => {
      const name = [call.params.string('firstName'), call.params.string('lastName')].filter(Boolean).join(' ');
      c.name = name || c.name;
      c.saved = true;
      const chat = call.instance.chats.get(c.id);
      if (chat) chat.name = c.name;
      return ok({});
    }),
  listLids({ instance, params }) {
    const mapped = [...instance.contacts.values()].filter((c) => c.onWhatsApp);
    return ok(page(mapped, params).map((c) => ({ lid: lidOf(c.id), pn: c.id })));
  },
  countLids: ({ instance }) => ok({ count: [...instance.contacts.values()].filter((c) => c.onWhatsApp).length }),
};

/** A stable linked id per phone number (WhatsApp's real ones are opaque; these only need to be consistent). */
export function lidOf(contactId: string): string {
  const digits = digitsOf(contactId);
  let hash = 0;
  for (const ch of digits) hash = (hash * 31 + Number(ch)) % 1_000_000_007;
  return `${String(hash).padStart(10, '1')}${digits.slice(-5)}@lid`;
}
