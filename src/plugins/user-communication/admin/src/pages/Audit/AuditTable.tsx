import { Flex, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AuditEvent } from '../../../../shared/contracts/audit';
import { ListTable } from '../../components/ListTable';
import { useAuditSummary } from '../../utils/useAuditSummary';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

/** Two lines: a main text and a quieter one under it. */
const Stacked = ({ main, under }: { main: string; under?: string }) => (
  <Flex direction="column" alignItems="flex-start">
    <Typography textColor="neutral800">{main}</Typography>
    {under ? (
      <Typography variant="pi" textColor="neutral600">
        {under}
      </Typography>
    ) : null}
  </Flex>
);

export const AuditTable = ({ events }: { events: AuditEvent[] }) => {
  const t = useTranslate();
  const label = useLabel();
  const summary = useAuditSummary();
  const { formatDate } = useIntl();
  // Under the admin's address: their id, and where they acted from.
  const actorAndAddress = (event: AuditEvent) =>
    [
      event.actorId !== null ? t('audit.admin', 'Admin {id}', { id: event.actorId }) : null,
      event.ip,
    ]
      .filter((part) => part !== null)
      .join(' · ');
  const columns = [
    t('audit.column.when', 'When'),
    t('audit.column.action', 'Action'),
    t('audit.column.admin', 'Admin'),
    t('audit.column.user', 'User'),
    t('audit.column.details', 'Details'),
  ];

  return (
    <ListTable columns={columns} rowCount={events.length}>
      {events.map((event) => (
        <Tr key={event.id} data-audit-id={event.id}>
          <Td>
            <Stacked
              main={formatDate(event.createdAt, { dateStyle: 'medium' })}
              under={formatDate(event.createdAt, { timeStyle: 'medium' })}
            />
          </Td>
          <Td>
            <Typography textColor="neutral800">{label('audit.action', event.action)}</Typography>
          </Td>
          <Td>
            <Stacked main={event.actorEmail ?? '–'} under={actorAndAddress(event)} />
          </Td>
          <Td>
            <Typography textColor="neutral800">
              {event.userId !== null ? t('audit.user', 'User {id}', { id: event.userId }) : '–'}
            </Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800" style={{ whiteSpace: 'normal' }}>
              {summary(event)}
            </Typography>
          </Td>
        </Tr>
      ))}
    </ListTable>
  );
};
