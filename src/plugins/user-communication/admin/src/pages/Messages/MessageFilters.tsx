import * as React from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
} from '@strapi/design-system';
import {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageFilters as Filters,
  type MessageStatus,
  type MessageType,
} from '../../../../shared/contracts/messages';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

/** Typing a user id applies it after this pause, not on every keystroke. */
const USER_DEBOUNCE_MS = 400;

interface MessageFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

const parseUserId = (value: string): number | undefined | null => {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^[1-9]\d{0,9}$/.test(trimmed) ? Number(trimmed) : null;
};

export const MessageFilters = ({ filters, onChange }: MessageFiltersProps) => {
  const t = useTranslate();
  const label = useLabel();
  const [userInput, setUserInput] = React.useState(filters.user ? String(filters.user) : '');
  const userId = parseUserId(userInput);
  const latest = React.useRef({ filters, onChange });
  latest.current = { filters, onChange };

  React.useEffect(() => {
    if (userId === null || userId === latest.current.filters.user) return undefined;
    const timer = setTimeout(
      () => latest.current.onChange({ ...latest.current.filters, user: userId }),
      USER_DEBOUNCE_MS
    );
    return () => clearTimeout(timer);
  }, [userId]);

  const hasFilters = filters.type !== undefined || filters.status !== undefined || userInput !== '';
  const clearLabel = t('messages.filters.clear-one', 'Clear');

  return (
    <Flex
      gap={4}
      alignItems="flex-start"
      wrap="wrap"
      role="search"
      aria-label={t('messages.filters', 'Filters')}
    >
      <Box width="22rem">
        <Field.Root name="type" id="uc-filter-type">
          <Field.Label>{t('messages.filters.type', 'Type')}</Field.Label>
          <SingleSelect
            value={filters.type ?? null}
            placeholder={t('messages.filters.all-types', 'All types')}
            clearLabel={clearLabel}
            onClear={() => onChange({ ...filters, type: undefined })}
            onChange={(value) => onChange({ ...filters, type: value as MessageType })}
          >
            {MESSAGE_TYPES.map((type) => (
              <SingleSelectOption key={type} value={type}>
                {label('type', type)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      <Box width="18rem">
        <Field.Root name="status" id="uc-filter-status">
          <Field.Label>{t('messages.filters.status', 'Status')}</Field.Label>
          <SingleSelect
            value={filters.status ?? null}
            placeholder={t('messages.filters.all-statuses', 'All statuses')}
            clearLabel={clearLabel}
            onClear={() => onChange({ ...filters, status: undefined })}
            onChange={(value) => onChange({ ...filters, status: value as MessageStatus })}
          >
            {MESSAGE_STATUSES.map((status) => (
              <SingleSelectOption key={status} value={status}>
                {label('status', status)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      <Box width="14rem">
        <Field.Root
          name="user"
          id="uc-filter-user"
          error={
            userId === null
              ? t('messages.filters.user.invalid', 'Enter a user id (a whole number).')
              : undefined
          }
        >
          <Field.Label>{t('messages.filters.user', 'User id')}</Field.Label>
          <TextInput
            value={userInput}
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('messages.filters.user.placeholder', 'Any user')}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
              setUserInput(event.target.value)
            }
          />
          <Field.Error />
        </Field.Root>
      </Box>
      {hasFilters ? (
        <Box paddingTop={6}>
          <Button
            variant="tertiary"
            onClick={() => {
              setUserInput('');
              onChange({});
            }}
          >
            {t('messages.filters.reset', 'Clear filters')}
          </Button>
        </Box>
      ) : null}
    </Flex>
  );
};
