/** The audit trail of admin account actions (GET /user-communication/audit). */
import type { ClearEmailStatusReason, SuppressedEmailStatus } from './delivery';
import type { Pagination } from './messages';
import type { RunOutcome } from './reminders';
import type { TemplateType } from './templates';
import type { ResendReason } from './users';

/** What is recorded: each admin action that changes an account or how accounts are messaged. */
export const AUDIT_ACTIONS = [
  'activation.resend',
  'users.reset-password',
  'users.set-password',
  'users.clear-email-status',
  'imports.commit',
  'settings.update',
  'templates.update',
  'reminders.run',
  'messages.retry',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One setting an update changed, by its path in the settings (`activation.linkLifetimeDays`). */
export interface SettingChange {
  field: string;
  from: boolean | number;
  to: boolean | number;
}

/** What each action's row says beyond who, whom and when: small, and never a secret. */
export interface AuditDetailsByAction {
  /** One row per user asked for; `key` only for a user that was not found. */
  'activation.resend': { status: 'queued' | 'skipped'; reason?: ResendReason; key?: string };
  'users.reset-password': Record<string, never>;
  /** Never the password, not even a generated one. */
  'users.set-password': {
    oneTime: boolean;
    generated: boolean;
    /** Typed into the user's form in the Content Manager rather than set with "Set a password". */
    via?: 'content-manager';
  };
  /**
   * One row per user asked for; `previous` only for a user whose status was cleared, `key` only
   * for a user that was not found. Never the address.
   */
  'users.clear-email-status': {
    status: 'cleared' | 'skipped';
    reason?: ClearEmailStatusReason;
    previous?: SuppressedEmailStatus;
    key?: string;
  };
  'imports.commit': {
    importId: number;
    created: number;
    updated: number;
    skipped: number;
    failed: number;
    /** A second commit of the same import changes nothing and answers the first's counts. */
    alreadyCommitted: boolean;
    /** Set when an operator ran `npm run users:import` on the server: the OS account, as `user@host`. */
    commandLine?: { operator: string };
  };
  'settings.update': { changes: SettingChange[] };
  /** `reset` is a DELETE: the shipped default applies again. */
  'templates.update': { type: TemplateType; locale: string; change: 'saved' | 'reset' };
  /** Never `busy`: a run another instance holds is refused (409) and not recorded. */
  'reminders.run': Pick<RunOutcome, 'runDate' | 'status' | 'reminded'>;
  'messages.retry': { messageId: number };
}

interface AuditEventBase {
  id: number;
  /** The admin who acted, as they were then (the address is kept: an admin may be renamed or deleted). */
  actorId: number | null;
  actorEmail: string | null;
  /** The users-permissions user acted on; null for actions on no one user (settings, a run). */
  userId: number | null;
  /** The admin's client address, as Strapi sees it (behind a proxy, with `proxy: true` only). */
  ip: string | null;
  createdAt: string;
}

export type AuditEvent = {
  [Action in AuditAction]: AuditEventBase & {
    action: Action;
    details: AuditDetailsByAction[Action];
  };
}[AuditAction];

export interface AuditPage {
  results: AuditEvent[];
  pagination: Pagination;
}

/** The filters of the audit trail's query string (page and pageSize aside). */
export interface AuditFilters {
  action?: AuditAction;
  userId?: number;
  actorId?: number;
  /** ISO 8601 instants, both inclusive. */
  from?: string;
  to?: string;
}
