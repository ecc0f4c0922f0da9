import {
  ACCOUNT_STATUS_FILTER,
  ACCOUNT_STATUS_PLUGIN_OPTION,
  ACCOUNT_STATUSES,
} from '../../../shared/contracts/account-status';
import { PLUGIN_ID } from '../../../shared/plugin-id';
import { getTranslation } from '../utils/getTranslation';
import { LABELS } from '../utils/labels';
import { AccountStatusCell } from './AccountStatusCell';

/** The part of the list layout the hooks read: its options merge the type's plugin options. */
interface ListLayout {
  options?: Record<string, unknown>;
}

// The hooks get the list's layout, not its model: the user type says it is the one (user-content-type.ts).
const isUserList = (layout: ListLayout | undefined) =>
  Boolean(
    (layout?.options?.[PLUGIN_ID] as Record<string, unknown> | undefined)?.[
      ACCOUNT_STATUS_PLUGIN_OPTION
    ]
  );

/** `Admin/CM/pages/ListView/inject-column-in-table`: the Status column, as i18n adds its locales. */
export const addStatusColumn = <Args extends { displayedHeaders: unknown[]; layout: ListLayout }>(
  args: Args
): Args => {
  if (!isUserList(args.layout)) return args;
  return {
    ...args,
    displayedHeaders: [
      ...args.displayedHeaders,
      {
        attribute: { type: 'string' },
        label: { id: getTranslation('account-status.column'), defaultMessage: 'Status' },
        searchable: false,
        sortable: false,
        name: ACCOUNT_STATUS_FILTER,
        cellFormatter: (row: { id: number }) => <AccountStatusCell id={row.id} />,
      },
    ],
  };
};

/**
 * `Admin/CM/pages/ListView/inject-in-filters`: "Account status is …", applied by the server
 * (content-manager/status-filter.ts). The options' texts are English: the hook runs outside
 * React, where the admin's translations cannot be read.
 */
export const addStatusFilter = <Args extends { displayedFilters: unknown[]; layout: ListLayout }>(
  args: Args
): Args => {
  if (!isUserList(args.layout)) return args;
  return {
    ...args,
    displayedFilters: [
      ...args.displayedFilters,
      {
        name: ACCOUNT_STATUS_FILTER,
        label: { id: getTranslation('account-status.filter'), defaultMessage: 'Account status' },
        type: 'enumeration',
        operators: [
          {
            label: { id: 'components.FilterOptions.FILTER_TYPES.$eq', defaultMessage: 'is' },
            value: '$eq',
          },
        ],
        options: ACCOUNT_STATUSES.map((status) => ({
          label: LABELS['account-status'][status],
          value: status,
        })),
      },
    ],
  };
};
