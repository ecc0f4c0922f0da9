import { AUDIT_ACTIONS } from '../../../../shared/contracts/audit';
import { internalType } from '../internal-type';

/**
 * The audit trail: one row per admin account action, written once and never changed (the
 * audit service has no update or delete, and the generic admin APIs are closed to it). The
 * admin's e-mail is copied in, so a row still names the admin after a rename or a deletion.
 */
export default internalType({
  collectionName: 'uc_audit_events',
  singularName: 'audit-event',
  pluralName: 'audit-events',
  displayName: 'Audit event',
  attributes: {
    action: { type: 'enumeration', enum: [...AUDIT_ACTIONS], required: true },
    actorId: { type: 'integer' },
    actorEmail: { type: 'string' },
    userId: { type: 'integer' },
    details: { type: 'json' },
    ip: { type: 'string' },
  },
  // Each filter, with the order the list is read in.
  indexes: [
    { name: 'uc_audit_events_created_idx', columns: ['created_at'] },
    { name: 'uc_audit_events_action_idx', columns: ['action', 'created_at'] },
    { name: 'uc_audit_events_user_idx', columns: ['user_id', 'created_at'] },
    { name: 'uc_audit_events_actor_idx', columns: ['actor_id', 'created_at'] },
  ],
});
