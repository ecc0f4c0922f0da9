import { Button, Dialog } from '@strapi/design-system';
import { ArrowsCounterClockwise, WarningCircle } from '@strapi/icons';
import { useTranslate } from '../../utils/useTranslate';

interface ResetDialogProps {
  templateName: string;
  disabled: boolean;
  loading: boolean;
  onConfirm: () => void;
}

/** "Reset to default" with a confirmation: the admin's version is deleted, not kept aside. */
export const ResetDialog = ({ templateName, disabled, loading, onConfirm }: ResetDialogProps) => {
  const t = useTranslate();

  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button
          variant="danger-light"
          size="S"
          startIcon={<ArrowsCounterClockwise />}
          disabled={disabled}
          loading={loading}
        >
          {t('templates.reset', 'Reset to default')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('templates.reset.title', 'Reset to default?')}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Dialog.Description>
            {t(
              'templates.reset.body',
              'The edited version of “{name}” is deleted and users get the text that ships with the plugin again. This cannot be undone.',
              { name: templateName }
            )}
          </Dialog.Description>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              {t('templates.reset.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button fullWidth variant="danger-light" onClick={onConfirm}>
              {t('templates.reset.confirm', 'Reset')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
