import type { ReactNode } from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import { useLabel } from '../utils/useLabel';
import { useTranslate } from '../utils/useTranslate';
import { AccountAuditTrail } from './AccountAuditTrail';
import {
  USER_UID,
  activationState,
  readAccount,
  type Account,
  type ActivationState,
  wasCorrected,
} from './account';
import { MarkAsDeliverable } from './MarkAsDeliverable';
import { ResendToCorrectedAddress } from './ResendToCorrectedAddress';

interface RowProps {
  term: string;
  tone?: string;
  /** data-testid of the value, for the browser tests. */
  testId?: string;
  children: ReactNode;
}

const Row = ({ term, tone = 'neutral800', testId, children }: RowProps) => (
  <Flex direction="column" alignItems="stretch" gap={1}>
    <Typography tag="dt" variant="sigma" textColor="neutral600">
      {term}
    </Typography>
    <Typography tag="dd" variant="omega" textColor={tone} data-testid={testId}>
      {children}
    </Typography>
  </Flex>
);

const TONES: Record<ActivationState['kind'], string> = {
  activated: 'success600',
  pending: 'warning600',
  'not-needed': 'neutral800',
};

interface EmailStatusRowProps {
  account: Account;
  documentId: string | undefined;
  date: (value: string) => string;
}

const EmailStatusRow = ({ account, documentId, date }: EmailStatusRowProps) => {
  const t = useTranslate();
  const since = account.emailStatusChangedAt ? date(account.emailStatusChangedAt) : '';
  const term = t('account.email-status', 'E-mail delivery');
  if (account.emailStatus !== 'ok') {
    return (
      <Row term={term} tone="danger600" testId="uc-account-email-status">
        {account.emailStatus === 'complained'
          ? t('account.email-status.complained', 'Marked as spam {date}', { date: since })
          : t('account.email-status.undeliverable', 'Undeliverable since {date}', { date: since })}
        {account.emailStatusReason ? ` (${account.emailStatusReason})` : ''}
        {'. '}
        {t(
          'account.email-status.correct',
          'No reminders go to this address. Correct it and save to send to the new one.'
        )}
        {documentId ? <MarkAsDeliverable documentId={documentId} /> : null}
      </Row>
    );
  }
  return (
    <Row term={term} testId="uc-account-email-status">
      {account.softBounceCount > 0
        ? t('account.email-status.soft', 'OK ({count} soft bounces since the last delivery)', {
            count: account.softBounceCount,
          })
        : t('account.email-status.ok', 'OK')}
      {documentId && wasCorrected(account) ? (
        <ResendToCorrectedAddress documentId={documentId} />
      ) : null}
    </Row>
  );
};

const AccountDetails = ({
  account,
  documentId,
}: {
  account: Account;
  documentId: string | undefined;
}) => {
  const t = useTranslate();
  const label = useLabel();
  const { formatDate } = useIntl();
  const date = (value: string) => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });
  const state = activationState(account);

  const activation = () => {
    if (state.kind === 'activated')
      return t('account.activated', 'Activated {date}', { date: date(state.since) });
    if (state.kind === 'not-needed') return t('account.not-needed', 'No activation needed');
    return state.since
      ? t('account.pending', 'Pending activation since {date}', { date: date(state.since) })
      : t('account.pending.undated', 'Pending activation');
  };

  return (
    <Flex
      tag="dl"
      direction="column"
      alignItems="stretch"
      gap={4}
      width="100%"
      aria-label={t('account.title', 'Account')}
      data-testid="uc-account-panel"
    >
      {account.blocked ? (
        <Box>
          <Badge variant="danger">{t('account.blocked', 'Blocked')}</Badge>
        </Box>
      ) : null}
      <Row term={t('account.activation', 'Activation')} tone={TONES[state.kind]}>
        {activation()}
      </Row>
      {account.mustChangePassword ? (
        <Row
          term={t('account.password', 'Password')}
          tone="warning600"
          testId="uc-account-must-change-password"
        >
          {t('account.must-change-password', 'Must change password at next login')}
        </Row>
      ) : null}
      <EmailStatusRow account={account} documentId={documentId} date={date} />
      <Row term={t('account.origin', 'Origin')}>
        {account.origin ? label('origin', account.origin) : t('account.origin.unknown', 'Unknown')}
      </Row>
      {account.externalId ? (
        <Row
          term={t('account.external-id', 'External id (identity provider)')}
          testId="uc-account-external-id"
        >
          {account.externalId}
        </Row>
      ) : null}
      {account.scimLastChange && account.scimUpdatedAt ? (
        <Row
          term={t('account.provisioning', 'Last provisioning change')}
          testId="uc-account-provisioning"
        >
          {t('account.provisioning.change', '{change} {date}', {
            change: label('scim-change', account.scimLastChange),
            date: date(account.scimUpdatedAt),
          })}
        </Row>
      ) : null}
      <Row term={t('account.last-login', 'Last login')}>
        {account.lastLoginAt ? date(account.lastLoginAt) : t('account.never', 'Never')}
      </Row>
      <Row term={t('account.last-reminder', 'Last no-login reminder')}>
        {account.lastRemindedAt ? date(account.lastRemindedAt) : t('account.none', 'None')}
      </Row>
      {account.reminderOptOut ? (
        <Row
          term={t('account.reminders', 'No-login reminders')}
          tone="warning600"
          testId="uc-account-reminder-opt-out"
        >
          {account.reminderOptOutAt
            ? t('account.unsubscribed', 'Unsubscribed from reminders on {date}', {
                date: date(account.reminderOptOutAt),
              })
            : t('account.unsubscribed.undated', 'Unsubscribed from reminders')}
        </Row>
      ) : null}
    </Flex>
  );
};

/**
 * "Account" in the user edit view's side column: where the user stands with activation and
 * logins, and what admins last did to the account.
 */
export const AccountPanel: PanelComponent = ({ model, document, documentId }) => {
  const t = useTranslate();
  const account = model === USER_UID ? readAccount(document) : null;
  if (!account) return null;
  const userId = (document as { id?: unknown }).id;
  return {
    title: t('account.title', 'Account'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={4} width="100%">
        <AccountDetails account={account} documentId={documentId} />
        {typeof userId === 'number' ? <AccountAuditTrail userId={userId} /> : null}
      </Flex>
    ),
  };
};
