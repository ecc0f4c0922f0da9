import * as React from 'react';
import { Box, Button, Field, Flex, TextInput } from '@strapi/design-system';
import {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageFilters as Filters,
} from '../../../../shared/contracts/messages';
import { SelectFilter } from '../../components/SelectFilter';
import { parseId } from '../../utils/parseId';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

/** Typing a user id applies it after this pause, not on every keystroke. */
const USER_DEBOUNCE_MS = 400;

interface MessageFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

export const MessageFilters = ({ filters, onChange }: MessageFiltersProps) => {
  const t = useTranslate();
  const label = useLabel();
  const [userInput, setUserInput] = React.useState(filters.user ? String(filters.user) : '');
  const userId = parseId(userInput);
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

  return (
    <Flex
      gap={4}
      alignItems="flex-start"
      wrap="wrap"
      role="search"
      aria-label={t('messages.filters', 'Filters')}
    >
      <SelectFilter
        name="type"
        width="22rem"
        label={t('messages.filters.type', 'Type')}
        placeholder={t('messages.filters.all-types', 'All types')}
        value={filters.type}
        options={MESSAGE_TYPES}
        optionLabel={(type) => label('type', type)}
        onChange={(type) => onChange({ ...filters, type })}
      />
      <SelectFilter
        name="status"
        width="18rem"
        label={t('messages.filters.status', 'Status')}
        placeholder={t('messages.filters.all-statuses', 'All statuses')}
        value={filters.status}
        options={MESSAGE_STATUSES}
        optionLabel={(status) => label('status', status)}
        onChange={(status) => onChange({ ...filters, status })}
      />
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
