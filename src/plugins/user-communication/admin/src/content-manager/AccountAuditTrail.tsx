import { Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useAuditApi } from '../api/audit';
import { useRequest } from '../hooks/useRequest';
import { permissionsFor } from '../permissions';
import { useAuditSummary } from '../utils/useAuditSummary';
import { useLabel } from '../utils/useLabel';
import { useTranslate } from '../utils/useTranslate';

/** How many of the user's latest audit rows the panel shows; the Audit trail page has the rest. */
const RECENT = 5;

const RecentActions = ({ userId }: { userId: number }) => {
  const t = useTranslate();
  const label = useLabel();
  const summary = useAuditSummary();
  const { formatDate } = useIntl();
  const api = useAuditApi();
  const recent = useRequest(
    (signal) => api.listEvents({ filters: { userId }, page: 1, pageSize: RECENT }, signal),
    { key: userId }
  );
  const events = recent.data?.results ?? [];

  const body = () => {
    if (recent.error)
      return t('account.audit.error', 'The admin actions could not be loaded: {message}', {
        message: recent.error,
      });
    if (!recent.data) return t('account.audit.loading', 'Loading…');
    return t('account.none', 'None');
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="uc-account-audit">
      <Typography tag="h3" variant="sigma" textColor="neutral600">
        {t('account.audit', 'Latest admin actions')}
      </Typography>
      {events.length === 0 ? (
        <Typography variant="omega" textColor="neutral800">
          {body()}
        </Typography>
      ) : (
        <Flex tag="ol" direction="column" alignItems="stretch" gap={2}>
          {events.map((event) => (
            <Flex key={event.id} tag="li" direction="column" alignItems="flex-start">
              <Typography variant="omega" fontWeight="semiBold" textColor="neutral800">
                {label('audit.action', event.action)}
              </Typography>
              <Typography variant="pi" textColor="neutral800">
                {summary(event)}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {t('account.audit.by', '{date} by {admin}', {
                  date: formatDate(event.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  admin: event.actorEmail ?? '–',
                })}
              </Typography>
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
};

/** The user's latest audit rows in the Account panel, for admins who may read the trail; nothing for others. */
export const AccountAuditTrail = ({ userId }: { userId: number }) => {
  const {
    isLoading,
    allowedActions: { canRead },
  } = useRBAC({ read: permissionsFor('audit.read') });
  if (isLoading || !canRead) return null;
  return <RecentActions userId={userId} />;
};
