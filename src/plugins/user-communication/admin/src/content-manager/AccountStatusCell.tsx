import { Loader, Typography } from '@strapi/design-system';
import { loadAccountStatus } from '../api/account-status';
import { AccountStatusBadge } from '../components/AccountStatusBadge';
import { useRequest } from '../hooks/useRequest';
import { useTranslate } from '../utils/useTranslate';

/** The Status cell of one row of the Content Manager's user list. */
export const AccountStatusCell = ({ id }: { id: number }) => {
  const t = useTranslate();
  const { data, error, isLoading } = useRequest(() => loadAccountStatus(id), { key: id });
  if (data) return <AccountStatusBadge status={data} />;
  if (isLoading) return <Loader small>{t('account-status.loading', 'Loading status…')}</Loader>;
  return (
    <Typography textColor="neutral600" title={error ?? undefined}>
      –
    </Typography>
  );
};
