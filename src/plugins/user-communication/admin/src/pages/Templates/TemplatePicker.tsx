import * as React from 'react';
import {
  Box,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Status,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Template, TemplateType } from '../../../../shared/contracts/templates';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import type { Selection } from './model';

interface TemplatePickerProps {
  types: TemplateType[];
  locales: string[];
  selection: Selection;
  template: Template;
  isDirty: boolean;
  onChange: (selection: Selection) => void;
}

/** Which template is being edited, and whether it is the shipped default or an admin's version. */
export const TemplatePicker = ({
  types,
  locales,
  selection,
  template,
  isDirty,
  onChange,
}: TemplatePickerProps) => {
  const t = useTranslate();
  const label = useLabel();
  const { formatDate, locale: adminLocale } = useIntl();
  const languageNames = React.useMemo(
    () => new Intl.DisplayNames([adminLocale], { type: 'language' }),
    [adminLocale]
  );
  const languageOf = (locale: string) => {
    try {
      return `${languageNames.of(locale) ?? locale} (${locale})`;
    } catch {
      return locale;
    }
  };

  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      paddingTop={5}
      paddingBottom={5}
      paddingLeft={6}
      paddingRight={6}
    >
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box width="24rem">
          <Field.Root name="type" id="uc-template-type">
            <Field.Label>{t('templates.type', 'Template')}</Field.Label>
            <SingleSelect
              value={selection.type}
              onChange={(type) => onChange({ ...selection, type: type as TemplateType })}
            >
              {types.map((type) => (
                <SingleSelectOption key={type} value={type}>
                  {label('type', type)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box width="16rem">
          <Field.Root name="locale" id="uc-template-locale">
            <Field.Label>{t('templates.locale', 'Language')}</Field.Label>
            <SingleSelect
              value={selection.locale}
              onChange={(locale) => onChange({ ...selection, locale: String(locale) })}
            >
              {locales.map((locale) => (
                <SingleSelectOption key={locale} value={locale}>
                  {languageOf(locale)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Flex direction="column" alignItems="flex-start" gap={1} paddingBottom={1}>
          <Status variant={template.customized ? 'primary' : 'neutral'} size="S">
            <Typography tag="span" variant="omega" fontWeight="bold">
              {template.customized
                ? t('templates.customized', 'Customized')
                : t('templates.default', 'Shipped default')}
            </Typography>
          </Status>
          <Typography variant="pi" textColor="neutral600">
            {isDirty
              ? t('templates.unsaved', 'Unsaved changes')
              : template.customized && template.updatedAt
                ? t('templates.updated', 'Saved {date}', {
                    date: formatDate(template.updatedAt, {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    }),
                  })
                : t(
                    'templates.default.hint',
                    'Not edited yet: users get the text that ships with the plugin.'
                  )}
          </Typography>
        </Flex>
      </Flex>
    </Box>
  );
};
