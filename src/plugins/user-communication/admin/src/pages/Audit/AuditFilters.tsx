import * as React from 'react';
import { Box, Button, Field, Flex, TextInput } from '@strapi/design-system';
import { AUDIT_ACTIONS, type AuditFilters as Filters } from '../../../../shared/contracts/audit';
import { SelectFilter } from '../../components/SelectFilter';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import { EMPTY_DRAFT, toFilters, type Draft, type DraftProblem } from './model';

interface AuditFiltersProps {
  onApply: (filters: Filters) => void;
}

type TextField = Exclude<keyof Draft, 'action'>;

/** The trail's filters, applied together (Enter or "Apply"): four of them are typed. */
export const AuditFilters = ({ onApply }: AuditFiltersProps) => {
  const t = useTranslate();
  const label = useLabel();
  const [draft, setDraft] = React.useState<Draft>(EMPTY_DRAFT);
  const [problems, setProblems] = React.useState<DraftProblem[]>([]);

  const errors: Partial<Record<TextField, string>> = {
    userId: t('audit.filters.user.invalid', 'Enter a user id (a whole number).'),
    actorId: t('audit.filters.admin.invalid', 'Enter an admin id (a whole number).'),
    to: t('audit.filters.to.invalid', 'The end date is before the start date.'),
  };
  const errorOf = (field: TextField) =>
    problems.some((problem) => problem === field) ? errors[field] : undefined;

  const apply = (next: Draft) => {
    const { filters, problems: found } = toFilters(next);
    setProblems(found);
    if (found.length === 0) onApply(filters);
  };

  const textField = (field: TextField, fieldLabel: string, type: 'text' | 'date') => (
    <Box width={type === 'date' ? '16rem' : '12rem'}>
      <Field.Root name={field} id={`uc-audit-${field}`} error={errorOf(field)}>
        <Field.Label>{fieldLabel}</Field.Label>
        <TextInput
          type={type}
          value={draft[field]}
          inputMode={type === 'text' ? 'numeric' : undefined}
          autoComplete="off"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            setDraft({ ...draft, [field]: event.target.value })
          }
        />
        <Field.Error />
      </Field.Root>
    </Box>
  );

  return (
    <form
      role="search"
      aria-label={t('audit.filters', 'Filters')}
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <Flex gap={3} alignItems="flex-start" wrap="wrap">
          <SelectFilter
            name="action"
            width="22rem"
            label={t('audit.filters.action', 'Action')}
            placeholder={t('audit.filters.all-actions', 'All actions')}
            value={draft.action}
            options={AUDIT_ACTIONS}
            optionLabel={(action) => label('audit.action', action)}
            onChange={(action) => setDraft({ ...draft, action })}
          />
          {textField('userId', t('audit.filters.user', 'User id'), 'text')}
          {textField('actorId', t('audit.filters.admin', 'Admin id'), 'text')}
          {textField('from', t('audit.filters.from', 'From'), 'date')}
          {textField('to', t('audit.filters.to', 'To'), 'date')}
        </Flex>
        <Flex gap={2}>
          <Button type="submit">{t('audit.filters.apply', 'Apply')}</Button>
          <Button
            variant="tertiary"
            onClick={() => {
              setDraft(EMPTY_DRAFT);
              apply(EMPTY_DRAFT);
            }}
          >
            {t('audit.filters.reset', 'Clear filters')}
          </Button>
        </Flex>
      </Flex>
    </form>
  );
};
