import { Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type { MessageSummary } from '../../../../shared/contracts/messages';
import { TYPE_LABELS } from '../../utils/labels';
import { useTranslate } from '../../utils/useTranslate';
import { MessageStatus } from './MessageStatus';

interface MessageTableProps {
  messages: MessageSummary[];
  onOpen: (id: number) => void;
}

const COLUMNS = ['created', 'recipient', 'type', 'subject', 'status'] as const;
const COLUMN_LABELS: Record<(typeof COLUMNS)[number], string> = {
  created: 'Created',
  recipient: 'Recipient',
  type: 'Type',
  subject: 'Subject',
  status: 'Status',
};

/** The subject opens the detail: the keyboard way to what a click anywhere on the row does. */
const OpenButton = styled.button`
  display: block;
  max-width: 18rem;
  padding: 0;
  border: 0;
  background: none;
  text-align: left;
  cursor: pointer;

  &:hover span {
    text-decoration: underline;
  }
`;

export const MessageTable = ({ messages, onOpen }: MessageTableProps) => {
  const t = useTranslate();
  const { formatDate } = useIntl();

  return (
    <Table colCount={COLUMNS.length} rowCount={messages.length + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map((column) => (
            <Th key={column}>
              <Typography variant="sigma" textColor="neutral600">
                {t(`messages.column.${column}`, COLUMN_LABELS[column])}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {messages.map((message) => (
          <Tr
            key={message.id}
            data-message-id={message.id}
            onClick={() => onOpen(message.id)}
            style={{ cursor: 'pointer' }}
          >
            <Td>
              <Flex direction="column" alignItems="flex-start">
                <Typography textColor="neutral800" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(message.createdAt, { dateStyle: 'medium' })}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {formatDate(message.createdAt, { timeStyle: 'medium' })}
                </Typography>
              </Flex>
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start">
                <Typography textColor="neutral800">{message.recipient}</Typography>
                {message.userId !== null ? (
                  <Typography variant="pi" textColor="neutral600">
                    {t('messages.user', 'User {id}', { id: message.userId })}
                  </Typography>
                ) : null}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800">
                {t(`type.${message.type}`, TYPE_LABELS[message.type] ?? message.type)}
              </Typography>
            </Td>
            <Td>
              <OpenButton
                type="button"
                title={message.subject}
                onClick={(event) => {
                  // The row's own click would open it a second time.
                  event.stopPropagation();
                  onOpen(message.id);
                }}
              >
                <Typography textColor="neutral800" ellipsis style={{ display: 'block' }}>
                  {message.subject}
                </Typography>
              </OpenButton>
            </Td>
            <Td>
              <MessageStatus message={message} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
