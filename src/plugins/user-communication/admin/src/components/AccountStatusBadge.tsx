import { Status, Typography, type StatusVariant } from '@strapi/design-system';
import type { AccountStatus, StatusOfUser } from '../../../shared/contracts/account-status';
import { useLabel } from '../utils/useLabel';
import { useTranslate } from '../utils/useTranslate';

const VARIANTS: Record<AccountStatus, StatusVariant> = {
  blocked: 'danger',
  undeliverable: 'danger',
  sso: 'alternative',
  invited: 'primary',
  'link-expired': 'warning',
  'never-logged-in': 'neutral',
  inactive: 'warning',
  active: 'success',
};

/** A user's account status, with the days since the last login when inactive. */
export const AccountStatusBadge = ({ status }: { status: StatusOfUser }) => {
  const t = useTranslate();
  const label = useLabel();
  const text =
    status.status === 'inactive' && status.days !== undefined
      ? t('account-status.inactive-days', 'Inactive {days, plural, one {# day} other {# days}}', {
          days: status.days,
        })
      : label('account-status', status.status);
  return (
    <Status variant={VARIANTS[status.status]} size="S" data-account-status={status.status}>
      <Typography tag="span" variant="omega" fontWeight="bold">
        {text}
      </Typography>
    </Status>
  );
};
