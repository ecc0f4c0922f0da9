import { Flex, Status, Typography, type StatusVariant } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type {
  MessageStatus as DeliveryStatus,
  MessageSummary,
} from '../../../../shared/contracts/messages';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

// Two lines: SMTP replies put the reason after the code, and the detail shows all of it.
const LastError = styled(Typography)`
  display: -webkit-box;
  max-width: 20rem;
  overflow: hidden;
  white-space: normal;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
`;

const VARIANTS: Record<DeliveryStatus | 'captured', StatusVariant> = {
  queued: 'secondary',
  sending: 'primary',
  sent: 'success',
  captured: 'alternative',
  failed: 'warning',
  dead: 'danger',
  cancelled: 'neutral',
  bounced: 'danger',
  complained: 'danger',
};

/** "Captured" is a successful send to a local .eml file (no SMTP server configured), worth telling apart. */
const displayedStatus = (message: Pick<MessageSummary, 'status' | 'captured'>) =>
  message.status === 'sent' && message.captured ? 'captured' : message.status;

export const StatusBadge = ({
  message,
}: {
  message: Pick<MessageSummary, 'status' | 'captured'>;
}) => {
  const label = useLabel();
  const status = displayedStatus(message);
  return (
    <Status variant={VARIANTS[status]} size="S" data-status={status}>
      <Typography tag="span" variant="omega" fontWeight="bold">
        {label('status', status)}
      </Typography>
    </Status>
  );
};

/** The status, and for undelivered messages how many attempts were made, why the last failed, and what happens next. */
export const MessageStatus = ({ message }: { message: MessageSummary }) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const undelivered = message.status === 'failed' || message.status === 'dead';
  // Retries are minutes to an hour away: the time alone says it, unless it falls on another day.
  const formatWhen = (value: string) =>
    new Date(value).toDateString() === new Date().toDateString()
      ? formatDate(value, { timeStyle: 'medium' })
      : formatDate(value, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <StatusBadge message={message} />
      {undelivered ? (
        <Typography variant="pi" textColor="neutral600">
          {t('messages.attempts', '{count, plural, one {# attempt} other {# attempts}}', {
            count: message.attempts,
          })}
        </Typography>
      ) : null}
      {message.status === 'failed' && message.nextAttemptAt ? (
        <Typography variant="pi" textColor="neutral600">
          {t('messages.next-attempt', 'Next attempt {date}', {
            date: formatWhen(message.nextAttemptAt),
          })}
        </Typography>
      ) : null}
      {(undelivered || message.status === 'cancelled') && message.lastError ? (
        <LastError variant="pi" textColor="danger600" title={message.lastError}>
          {message.lastError}
        </LastError>
      ) : null}
    </Flex>
  );
};
