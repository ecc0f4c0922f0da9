import { Flex, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type { MessageSummary } from '../../../../shared/contracts/messages';
import { ListTable } from '../../components/ListTable';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import { MessageStatus } from './MessageStatus';

interface MessageTableProps {
  messages: MessageSummary[];
  onOpen: (id: number) => void;
}

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
  const label = useLabel();
  const { formatDate } = useIntl();
  const columns = [
    t('messages.column.created', 'Created'),
    t('messages.column.recipient', 'Recipient'),
    t('messages.column.type', 'Type'),
    t('messages.column.subject', 'Subject'),
    t('messages.column.status', 'Status'),
  ];

  return (
    <ListTable columns={columns} rowCount={messages.length}>
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
            <Typography textColor="neutral800">{label('type', message.type)}</Typography>
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
    </ListTable>
  );
};
