import * as React from 'react';
import { Button, Flex, Grid, Loader, Modal, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { MessageDetail } from '../../../../shared/contracts/messages';
import { RenderedMessage } from '../../components/RenderedMessage';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import { DeliveryReports } from './DeliveryReports';
import { StatusBadge } from './MessageStatus';
import type { RequestState } from '../../hooks/useRequest';

interface MessageDetailModalProps {
  id: number | null;
  detail: RequestState<MessageDetail>;
  canRetry: boolean;
  retrying: boolean;
  onRetry: (id: number) => void;
  onClose: () => void;
}

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Grid.Item col={4} s={6} xs={12} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600" tag="dt">
      {label}
    </Typography>
    <Typography
      variant="omega"
      textColor="neutral800"
      tag="dd"
      style={{ overflowWrap: 'anywhere' }}
    >
      {children}
    </Typography>
  </Grid.Item>
);

/** One message as it was sent (link tokens masked by the server), with Retry for a dead one. */
export const MessageDetailModal = ({
  id,
  detail,
  canRetry,
  retrying,
  onRetry,
  onClose,
}: MessageDetailModalProps) => {
  const t = useTranslate();
  const label = useLabel();
  const { formatDate } = useIntl();
  const date = (value: string | null) =>
    value ? formatDate(value, { dateStyle: 'medium', timeStyle: 'medium' }) : '–';
  // The hook keeps the previous message while the next one loads; never show it under this id.
  const message = detail.data && detail.data.id === id ? detail.data : null;

  return (
    <Modal.Root open={id !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel={t('messages.detail.close', 'Close')}>
          <Modal.Title>{t('messages.detail.title', 'Message {id}', { id: id ?? '' })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {!message && detail.error ? (
            <Typography textColor="danger600" role="alert">
              {t('messages.detail.error', 'The message could not be loaded: {message}', {
                message: detail.error,
              })}
            </Typography>
          ) : null}
          {!message && !detail.error ? (
            <Flex justifyContent="center" padding={6}>
              <Loader>{t('messages.detail.loading', 'Loading the message…')}</Loader>
            </Flex>
          ) : null}
          {message ? (
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Grid.Root gap={4} tag="dl" background="neutral100" hasRadius padding={5}>
                <Fact label={t('messages.column.status', 'Status')}>
                  <StatusBadge message={message} />
                </Fact>
                <Fact label={t('messages.column.type', 'Type')}>{label('type', message.type)}</Fact>
                <Fact label={t('messages.column.recipient', 'Recipient')}>
                  {message.recipient}
                  {message.userId !== null
                    ? ` (${t('messages.user', 'User {id}', { id: message.userId })})`
                    : ''}
                </Fact>
                <Fact label={t('messages.detail.created', 'Created')}>
                  {date(message.createdAt)}
                </Fact>
                <Fact label={t('messages.detail.sent', 'Sent')}>{date(message.sentAt)}</Fact>
                <Fact label={t('messages.detail.locale', 'Language')}>{message.locale ?? '–'}</Fact>
                <Fact label={t('messages.detail.attempts', 'Attempts')}>{message.attempts}</Fact>
                {message.status === 'failed' ? (
                  <Fact label={t('messages.detail.next-attempt', 'Next attempt')}>
                    {date(message.nextAttemptAt)}
                  </Fact>
                ) : null}
                {message.lastError ? (
                  <Fact label={t('messages.detail.last-error', 'Last error')}>
                    {message.lastError}
                  </Fact>
                ) : null}
                {message.deliveredAt ? (
                  <Fact label={t('messages.detail.delivered', 'Delivered to the mailbox')}>
                    {date(message.deliveredAt)}
                  </Fact>
                ) : null}
              </Grid.Root>
              <DeliveryReports reports={message.reports} date={date} />
              <RenderedMessage
                subject={message.subject}
                html={message.html}
                text={message.text}
                frameTitle={t('messages.detail.frame', 'HTML of the message')}
                frameHeight={480}
                subjectTestId="message-subject"
              />
              <Typography variant="pi" textColor="neutral600">
                {t(
                  'messages.detail.masked',
                  'Link tokens are hidden: the log shows what was sent, not working links.'
                )}
              </Typography>
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('messages.detail.close', 'Close')}</Button>
          </Modal.Close>
          {message?.status === 'dead' && canRetry ? (
            <Button
              startIcon={<PaperPlane />}
              loading={retrying}
              onClick={() => onRetry(message.id)}
            >
              {t('messages.retry', 'Retry')}
            </Button>
          ) : null}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
