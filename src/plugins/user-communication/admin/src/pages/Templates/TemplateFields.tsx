import * as React from 'react';
import { Box, Field, Flex, Textarea, TextInput, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { TemplateContent } from '../../../../shared/contracts/templates';
import { useTranslate } from '../../utils/useTranslate';
import type { ContentField } from './model';

interface TemplateFieldsProps {
  draft: TemplateContent;
  variables: readonly string[];
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (field: ContentField, value: string) => void;
}

const CodeTextarea = styled(Textarea)`
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 1.3rem;
  line-height: 1.5;
`;

const Variable = styled.code`
  padding: ${({ theme }) => `${theme.spaces[1]} ${theme.spaces[2]}`};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.primary100};
  border: 1px solid ${({ theme }) => theme.colors.primary200};
  color: ${({ theme }) => theme.colors.primary700};
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: ${({ theme }) => theme.fontSizes[1]};
  white-space: nowrap;
`;

/** Subject, HTML and text of one template, with the variables it may use. */
export const TemplateFields = ({
  draft,
  variables,
  errors,
  disabled,
  onChange,
}: TemplateFieldsProps) => {
  const t = useTranslate();

  return (
    <Flex direction="column" alignItems="stretch" gap={5}>
      <Box tag="section" aria-labelledby="uc-template-variables">
        <Typography variant="sigma" textColor="neutral600" tag="h3" id="uc-template-variables">
          {t('templates.variables', 'Variables')}
        </Typography>
        <Flex tag="ul" gap={2} wrap="wrap" paddingTop={2} paddingBottom={2}>
          {variables.map((name) => (
            <li key={name}>
              <Variable>{`{{ ${name} }}`}</Variable>
            </li>
          ))}
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'templates.variables.hint',
            'Values are filled in per user; HTML special characters are escaped. Other names are refused.'
          )}
        </Typography>
      </Box>

      <Field.Root name="subject" id="uc-template-subject" error={errors.subject} required>
        <Field.Label>{t('templates.subject', 'Subject')}</Field.Label>
        <TextInput
          value={draft.subject}
          disabled={disabled}
          onChange={(event) => onChange('subject', event.target.value)}
        />
        <Field.Error />
      </Field.Root>

      <Field.Root name="html" id="uc-template-html" error={errors.html} required>
        <Field.Label>{t('templates.html', 'HTML body')}</Field.Label>
        <CodeTextarea
          value={draft.html}
          rows={12}
          spellCheck={false}
          disabled={disabled}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
            onChange('html', event.target.value)
          }
        />
        <Field.Error />
      </Field.Root>

      <Field.Root
        name="text"
        id="uc-template-text"
        error={errors.text}
        hint={t('templates.text.hint', 'Shown by mail apps that do not display HTML.')}
        required
      >
        <Field.Label>{t('templates.text', 'Text body')}</Field.Label>
        <CodeTextarea
          value={draft.text}
          rows={8}
          disabled={disabled}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
            onChange('text', event.target.value)
          }
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </Flex>
  );
};
