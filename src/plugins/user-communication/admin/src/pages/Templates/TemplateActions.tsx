import { Button, Flex } from '@strapi/design-system';
import { Check, Mail } from '@strapi/icons';
import { useTranslate } from '../../utils/useTranslate';
import { ResetDialog } from './ResetDialog';

export type Busy = 'save' | 'reset' | 'test' | null;

interface TemplateActionsProps {
  templateName: string;
  customized: boolean;
  isDirty: boolean;
  readOnly: boolean;
  busy: Busy;
  onDiscard: () => void;
  onReset: () => void;
  onSendTest: () => void;
}

/** The header buttons; Save submits the page's form. One action runs at a time. */
export const TemplateActions = ({
  templateName,
  customized,
  isDirty,
  readOnly,
  busy,
  onDiscard,
  onReset,
  onSendTest,
}: TemplateActionsProps) => {
  const t = useTranslate();
  const othersBusy = (action: Busy) => busy !== null && busy !== action;

  return (
    <Flex gap={2}>
      {isDirty && !readOnly ? (
        <Button
          type="button"
          variant="tertiary"
          size="S"
          onClick={onDiscard}
          disabled={busy !== null}
        >
          {t('templates.discard', 'Discard changes')}
        </Button>
      ) : null}
      {customized ? (
        <ResetDialog
          templateName={templateName}
          disabled={readOnly || othersBusy('reset')}
          loading={busy === 'reset'}
          onConfirm={onReset}
        />
      ) : null}
      <Button
        type="button"
        variant="secondary"
        size="S"
        startIcon={<Mail />}
        onClick={onSendTest}
        loading={busy === 'test'}
        disabled={readOnly || othersBusy('test')}
      >
        {t('templates.test', 'Send test e-mail')}
      </Button>
      <Button
        type="submit"
        name="save"
        size="S"
        startIcon={<Check />}
        loading={busy === 'save'}
        disabled={readOnly || !isDirty || othersBusy('save')}
      >
        {t('templates.save', 'Save')}
      </Button>
    </Flex>
  );
};
