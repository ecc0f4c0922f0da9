import * as React from 'react';
import type { AuditEvent } from '../../../shared/contracts/audit';
import { useLabel } from './useLabel';
import { useTranslate } from './useTranslate';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** `summary(event)`: what an audit row's details say, in one line for the admin. */
export const useAuditSummary = () => {
  const t = useTranslate();
  const label = useLabel();

  return React.useCallback(
    (event: AuditEvent): string => {
      switch (event.action) {
        case 'activation.resend': {
          const { status, reason, key } = event.details;
          if (status === 'queued') return t('audit.summary.resend.queued', 'New link queued');
          const skipped = t('audit.summary.resend.skipped', 'Not sent: {reason}', {
            reason: reason ? label('resend.reason', reason) : '',
          });
          return key
            ? t('audit.summary.resend.key', '{skipped} (asked for {key})', { skipped, key })
            : skipped;
        }
        case 'users.reset-password':
          return t('audit.summary.reset-password', 'Reset link sent to the user');
        case 'users.set-password':
          if (event.details.via === 'content-manager')
            return t(
              'audit.summary.set-password.content-manager',
              'Password typed into the user form of the Content Manager; no e-mail sent'
            );
          return t(
            'audit.summary.set-password',
            '{oneTime, select, yes {One-time password} other {Permanent password}}, {generated, select, yes {generated} other {typed by the admin}}; no e-mail sent',
            { oneTime: yesNo(event.details.oneTime), generated: yesNo(event.details.generated) }
          );
        case 'users.clear-email-status': {
          const { status, previous, key } = event.details;
          if (status === 'cleared')
            return t(
              'audit.summary.clear-email-status.cleared',
              'Marked deliverable again{previous, select, undeliverable { (was undeliverable)} complained { (was marked as spam)} other { (soft bounces reset)}}',
              { previous: previous ?? 'ok' }
            );
          return key
            ? t('audit.summary.clear-email-status.not-found', 'Not found (asked for {key})', {
                key,
              })
            : t(
                'audit.summary.clear-email-status.already-ok',
                'Nothing to clear: the address was already deliverable'
              );
        }
        case 'imports.commit': {
          const { commandLine, ...counts } = event.details;
          const summary = t(
            'audit.summary.import',
            'Import {importId}: {created} created, {updated} updated, {skipped} skipped, {failed} failed{alreadyCommitted, select, yes { (already committed)} other {}}',
            { ...counts, alreadyCommitted: yesNo(counts.alreadyCommitted) }
          );
          return commandLine
            ? t(
                'audit.summary.import.command-line',
                '{summary}; from the command line by {operator}',
                {
                  summary,
                  operator: commandLine.operator,
                }
              )
            : summary;
        }
        case 'settings.update': {
          const { changes } = event.details;
          if (changes.length === 0) return t('audit.summary.settings.none', 'Saved, no change');
          return changes
            .map(({ field, from, to }) =>
              t('audit.summary.settings.change', '{field}: {from} → {to}', {
                field,
                from: String(from),
                to: String(to),
              })
            )
            .join('; ');
        }
        case 'templates.update':
          return t(
            'audit.summary.template',
            '{type} ({locale}) {change, select, reset {reset to the default} other {saved}}',
            { ...event.details, type: label('type', event.details.type) }
          );
        case 'reminders.run':
          return event.details.status === 'disabled'
            ? t('audit.summary.reminders.off', 'The reminder is off: nobody was reminded')
            : t(
                'audit.summary.reminders.done',
                '{reminded, plural, one {# user} other {# users}} reminded',
                { reminded: event.details.reminded }
              );
        case 'messages.retry':
          return t('audit.summary.retry', 'Message {messageId} queued again', {
            messageId: event.details.messageId,
          });
      }
    },
    [t, label]
  );
};
