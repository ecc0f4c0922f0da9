import * as React from 'react';
import { Box, Button, Checkbox, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../../shared/contracts/account-status';
import type { FunnelQuery, FunnelUser } from '../../../../shared/contracts/funnel';
import { useFunnelApi } from '../../api/funnel';
import { AccountStatusBadge } from '../../components/AccountStatusBadge';
import { ListTable } from '../../components/ListTable';
import { PagedList } from '../../components/PagedList';
import { SelectFilter } from '../../components/SelectFilter';
import { useBulkResend } from '../../content-manager/useBulkResend';
import { useRequest } from '../../hooks/useRequest';
import { permissionsFor } from '../../permissions';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import type { DropChoice } from './FunnelTable';

const PAGE_SIZE = 20;

interface DropUsersProps {
  query: FunnelQuery;
  drop: DropChoice;
  /** After a resend: the figures may have moved. */
  onResent: () => void;
}

/** The users behind one drop of the funnel, with their status, and a resend of their activation e-mail. */
export const DropUsers = ({ query, drop, onResent }: DropUsersProps) => {
  const t = useTranslate();
  const label = useLabel();
  const { formatDate } = useIntl();
  const funnelApi = useFunnelApi();
  const bulkResend = useBulkResend();
  const {
    allowedActions: { canResendActivation },
  } = useRBAC(permissionsFor('users.resend-activation'));
  const [page, setPage] = React.useState(1);
  const [status, setStatus] = React.useState<AccountStatus | undefined>(undefined);
  const [selected, setSelected] = React.useState<string[]>([]);
  const [sending, setSending] = React.useState(false);

  const usersQuery = {
    ...query,
    origin: drop.origin ?? query.origin,
    step: drop.step,
    status,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useRequest((signal) => funnelApi.users(usersQuery, signal), { key: usersQuery });
  const rows = list.data?.results ?? [];

  const toggle = (documentId: string, on: boolean) =>
    setSelected((current) =>
      on ? [...current, documentId] : current.filter((id) => id !== documentId)
    );
  const allSelected = rows.length > 0 && rows.every((row) => selected.includes(row.documentId));

  const resend = async () => {
    setSending(true);
    const done = await bulkResend(selected);
    setSending(false);
    if (!done) return;
    setSelected([]);
    list.refresh();
    onResent();
  };

  const columns = [
    '',
    t('communication.users.email', 'E-mail'),
    t('communication.users.username', 'Username'),
    t('communication.users.origin', 'Origin'),
    t('communication.users.created', 'Created'),
    t('communication.users.status', 'Status'),
  ];

  return (
    <Box
      tag="section"
      aria-label={t('communication.users.title', 'Users behind the drop')}
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={6}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-end" wrap="wrap" gap={4}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="delta" tag="h2">
              {label('funnel.drop', drop.step)}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {drop.origin
                ? label('origin', drop.origin)
                : t('communication.origin.all', 'All origins')}
            </Typography>
          </Flex>
          <Flex gap={4} alignItems="flex-end">
            <SelectFilter
              name="status"
              width="18rem"
              label={t('communication.users.filter.status', 'Account status')}
              placeholder={t('communication.users.filter.all-statuses', 'All statuses')}
              value={status}
              options={ACCOUNT_STATUSES}
              optionLabel={(option) => label('account-status', option)}
              onChange={(next) => {
                setStatus(next);
                setPage(1);
              }}
            />
            {canResendActivation ? (
              <Button
                startIcon={<Mail />}
                disabled={selected.length === 0}
                loading={sending}
                onClick={resend}
              >
                {t('communication.users.resend', 'Resend activation ({count})', {
                  count: selected.length,
                })}
              </Button>
            ) : null}
          </Flex>
        </Flex>
        <PagedList
          list={list}
          page={page}
          onPage={setPage}
          texts={{
            loadError: (message) =>
              t('communication.users.load-error', 'The users could not be loaded: {message}', {
                message,
              }),
            loading: t('communication.users.loading', 'Loading users…'),
            empty: t('communication.users.empty', 'No user is behind this drop.'),
            total: (total) =>
              t('communication.users.total', '{total, plural, one {# user} other {# users}}', {
                total,
              }),
          }}
        >
          {(users: FunnelUser[]) => (
            <>
              <Checkbox
                checked={allSelected}
                onCheckedChange={(on) =>
                  setSelected(on === true ? users.map((user) => user.documentId) : [])
                }
              >
                {t('communication.users.select-page', 'Select the users of this page')}
              </Checkbox>
              <ListTable columns={columns} rowCount={users.length}>
                {users.map((user) => (
                  <Tr key={user.id} data-user-id={user.id}>
                    <Td>
                      <Checkbox
                        aria-label={t('communication.users.select', 'Select {email}', {
                          email: user.email ?? user.documentId,
                        })}
                        checked={selected.includes(user.documentId)}
                        onCheckedChange={(on) => toggle(user.documentId, on === true)}
                      />
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{user.email ?? '–'}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{user.username ?? '–'}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">
                        {user.origin ? label('origin', user.origin) : '–'}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">
                        {formatDate(user.createdAt, { dateStyle: 'medium' })}
                      </Typography>
                    </Td>
                    <Td>
                      <AccountStatusBadge status={user.status} />
                    </Td>
                  </Tr>
                ))}
              </ListTable>
            </>
          )}
        </PagedList>
      </Flex>
    </Box>
  );
};
