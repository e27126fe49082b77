// WhatsApp Business labels and the chats they are on, with the `label.*` events.
import type { InstanceState, LabelRecord } from '../state.js';
import { chatFor } from '../state.js';
import { type Call, type HandlerTable, notFound, ok } from './answer.js';
import { chatView } from './chats.js';

/** WhatsApp's label colours, by colour index. */
const PALETTE = [
  '#ff9485',
  '#64c4ff',
  '#ffd429',
  '#dfaef0',
  '#99b6c1',
  '#55ccb3',
  '#ff9dff',
  '#d3a91d',
  '#6d7cce',
  '#d7e752',
  '#00d0e2',
  '#ffc5c7',
  '#93ceac',
  '#f74848',
  '#00a0f2',
  '#83e422',
  '#ffaf04',
  '#b5ebff',
  '#9ba6ff',
  '#9368cf',
];

export const labelView = (label: LabelRecord) => ({
  id: label.id,
  name: label.name,
  color: label.color,
  colorHex: label.colorHex,
});

export function newLabel(
  instance: InstanceState,
  name: string,
  color?: number,
  colorHex?: string,
  id?: string,
): LabelRecord {
  const index = color ?? Math.max(0, PALETTE.indexOf((colorHex ?? '').toLowerCase()));
  const label: LabelRecord = {
    id: id ?? String(instance.nextLabelId++),
    name,
    color: index,
    colorHex: colorHex ?? PALETTE[index % PALETTE.length] ?? '#64c4ff',
    chats: new Set(),
  };
  instance.labels.set(label.id, label);
  instance.nextLabelId = Math.max(instance.nextLabelId, Number(label.id) + 1);
  return label;
}

function withLabel(call: Call, then: (label: LabelRecord) => ReturnType<typeof ok>) {
  const id = call.params.string('labelId') as string;
  const label = call.instance.labels.get(id);
  return label ? then(label) : notFound(`No label ${id}.`);
}

const association = (label: LabelRecord, chatId: string) => ({ labelId: label.id, chatId, label: labelView(label) });

export const labelHandlers: HandlerTable = {
  listLabels: ({ instance }) => ok([...instance.labels.values()].map(labelView)),
  createLabel({ world, instance, params }) {
    const label = newLabel(instance, params.string('name') ?? '', params.number('color'), params.string('colorHex'));
    world.emit(instance, 'label.upsert', labelView(label));
    return ok(labelView(label));
  },
  updateLabel: (call) =>
    withLabel(call, (label) => {
      label.name = call.params.string('name') ?? label.name;
      const color = call.params.number('color');
      if (color !== undefined) {
        label.color = color;
        label.colorHex = PALETTE[color % PALETTE.length] ?? label.colorHex;
      }
      label.colorHex = call.params.string('colorHex') ?? label.colorHex;
      call.world.emit(call.instance, 'label.upsert', labelView(label));
      return ok(labelView(label));
    }),
  deleteLabel: (call) =>
    withLabel(call, (label) => {
      for (const chatId of label.chats)
        call.world.emit(call.instance, 'label.chat.deleted', association(label, chatId));
      call.instance.labels.delete(label.id);
      call.world.emit(call.instance, 'label.deleted', labelView(label));
      return ok({});
    }),
  getChatLabels({ instance, params }) {
    const chatId = params.string('chatId') as string;
    return ok([...instance.labels.values()].filter((l) => l.chats.has(chatId)).map(labelView));
  },
  setChatLabels({ world, instance, params }) {
    const chatId = params.string('chatId') as string;
    const wanted = new Set(
      (params.list('labels') ?? []).map((l) =>
        l && typeof l === 'object' ? String((l as { id?: unknown }).id) : String(l),
      ),
    );
    for (const id of wanted) if (!instance.labels.has(id)) return notFound(`No label ${id}.`);
    for (const label of instance.labels.values()) {
      const has = label.chats.has(chatId);
      if (wanted.has(label.id) && !has) {
        label.chats.add(chatId);
        world.emit(instance, 'label.chat.added', association(label, chatId));
      } else if (!wanted.has(label.id) && has) {
        label.chats.delete(chatId);
        world.emit(instance, 'label.chat.deleted', association(label, chatId));
      }
    }
    return ok({});
  },
  getLabelChats: (call) =>
    withLabel(call, (label) => ok([...label.chats].map((id) => chatView(chatFor(call.instance, id))))),
};
