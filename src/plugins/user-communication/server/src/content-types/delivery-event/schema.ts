import { FEEDBACK_KINDS, FEEDBACK_SOURCES } from '../../../../shared/contracts/delivery';
import { internalType } from '../internal-type';

/**
 * Every bounce, complaint and delivery report the plugin acted on, tied to its message and
 * user. `eventKey` (source + the provider's own event id) is unique: a provider that retries
 * a webhook, or replays it, is answered 200 and counted once.
 */
export default internalType({
  collectionName: 'uc_delivery_events',
  singularName: 'delivery-event',
  pluralName: 'delivery-events',
  displayName: 'Delivery event',
  attributes: {
    eventKey: { type: 'string', required: true, private: true, column: { unique: true } },
    source: { type: 'enumeration', enum: [...FEEDBACK_SOURCES], required: true },
    kind: { type: 'enumeration', enum: [...FEEDBACK_KINDS], required: true },
    messageId: { type: 'integer', required: true },
    userId: { type: 'integer' },
    recipient: { type: 'string' },
    detail: { type: 'text' },
    occurredAt: { type: 'datetime', required: true },
  },
  indexes: [
    { name: 'uc_delivery_events_message_idx', columns: ['message_id'] },
    { name: 'uc_delivery_events_user_idx', columns: ['user_id'] },
  ],
});
