import * as React from 'react';
import { Box, Field, Flex, TextInput } from '@strapi/design-system';
import { ORIGINS } from '../../../../shared/contracts/users';
import { SelectFilter } from '../../components/SelectFilter';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import { isOrdered, type Period } from './model';

interface FunnelFiltersProps {
  period: Period;
  onChange: (period: Period) => void;
}

/** The period (creation dates) and the origin the funnel counts. */
export const FunnelFilters = ({ period, onChange }: FunnelFiltersProps) => {
  const t = useTranslate();
  const label = useLabel();
  const dayField = (field: 'from' | 'to', fieldLabel: string) => (
    <Box width="16rem">
      <Field.Root
        name={field}
        id={`uc-funnel-${field}`}
        error={
          field === 'to' && !isOrdered(period)
            ? t('communication.filters.to.invalid', 'The end date is before the start date.')
            : undefined
        }
      >
        <Field.Label>{fieldLabel}</Field.Label>
        <TextInput
          type="date"
          value={period[field]}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            onChange({ ...period, [field]: event.target.value })
          }
        />
        <Field.Error />
      </Field.Root>
    </Box>
  );

  return (
    <Flex
      gap={4}
      alignItems="flex-start"
      wrap="wrap"
      role="search"
      aria-label={t('communication.filters', 'Period and origin')}
    >
      {dayField('from', t('communication.filters.from', 'Created from'))}
      {dayField('to', t('communication.filters.to', 'Created until'))}
      <SelectFilter
        name="origin"
        width="22rem"
        label={t('communication.filters.origin', 'Origin')}
        placeholder={t('communication.filters.all-origins', 'All origins')}
        value={period.origin}
        options={ORIGINS}
        optionLabel={(origin) => label('origin', origin)}
        onChange={(origin) => onChange({ ...period, origin })}
      />
    </Flex>
  );
};
