import * as React from 'react';
import { Box, Button, Field, Flex, TextInput, Toggle, Typography } from '@strapi/design-system';
import { Eye, EyeStriked, Magic } from '@strapi/icons';
import type { SetPasswordBody } from '../../../shared/contracts/passwords';
import { generatePassword } from '../utils/generatePassword';
import { useTranslate } from '../utils/useTranslate';

/** What the fields hold; Generate fills them in the browser, so the server's `generate` is never sent. */
export type ManualPassword = Required<
  Pick<SetPasswordBody, 'password' | 'passwordConfirmation' | 'oneTime'>
>;

export type ManualPasswordErrors = Partial<Record<'password' | 'passwordConfirmation', string>>;

interface ManualPasswordFieldsProps {
  value: ManualPassword;
  errors: ManualPasswordErrors;
  disabled: boolean;
  onChange: (next: ManualPassword, changed: keyof ManualPassword) => void;
}

/** "Set a new password manually": the password (typed or generated), its confirmation and the one-time switch. */
export const ManualPasswordFields = ({
  value,
  errors,
  disabled,
  onChange,
}: ManualPasswordFieldsProps) => {
  const t = useTranslate();
  const [isShown, setIsShown] = React.useState(false);
  const type = isShown ? 'text' : 'password';

  const generate = () => {
    const password = generatePassword();
    onChange({ ...value, password, passwordConfirmation: password }, 'password');
    // The admin has to pass it on, so it is shown at once.
    setIsShown(true);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="uc-reset-password-manual">
      <Typography
        tag="p"
        variant="omega"
        fontWeight="semiBold"
        textColor="warning700"
        data-testid="uc-reset-password-notice"
      >
        {t(
          'reset-password.manual.notice',
          'No e-mail is sent. You must pass this password on to the user yourself.'
        )}
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Field.Root name="password" id="uc-reset-password-new" error={errors.password} required>
          <Field.Label>{t('reset-password.new', 'New password')}</Field.Label>
          <TextInput
            type={type}
            value={value.password}
            autoComplete="new-password"
            disabled={disabled}
            data-testid="uc-reset-password-new"
            onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
              onChange({ ...value, password: event.target.value }, 'password')
            }
            endAction={
              <Field.Action
                label={
                  isShown
                    ? t('reset-password.hide', 'Hide password')
                    : t('reset-password.show', 'Show password')
                }
                onClick={() => setIsShown((shown) => !shown)}
                data-testid="uc-reset-password-visibility"
              >
                {isShown ? <EyeStriked fill="neutral500" /> : <Eye fill="neutral500" />}
              </Field.Action>
            }
          />
          <Field.Error />
        </Field.Root>
        <Box>
          <Button
            type="button"
            variant="secondary"
            size="S"
            startIcon={<Magic />}
            disabled={disabled}
            onClick={generate}
            data-testid="uc-reset-password-generate"
          >
            {t('reset-password.generate', 'Generate')}
          </Button>
        </Box>
      </Flex>
      <Field.Root
        name="passwordConfirmation"
        id="uc-reset-password-confirm"
        error={errors.passwordConfirmation}
        required
      >
        <Field.Label>{t('reset-password.confirm', 'Confirm password')}</Field.Label>
        <TextInput
          type={type}
          value={value.passwordConfirmation}
          autoComplete="new-password"
          disabled={disabled}
          data-testid="uc-reset-password-confirm"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            onChange({ ...value, passwordConfirmation: event.target.value }, 'passwordConfirmation')
          }
        />
        <Field.Error />
      </Field.Root>
      <Field.Root
        name="oneTime"
        id="uc-reset-password-one-time"
        hint={t(
          'reset-password.one-time.hint',
          'Off: the password stays valid until the user changes it.'
        )}
      >
        <Field.Label>
          {t('reset-password.one-time', 'One-time password (must be changed at next login)')}
        </Field.Label>
        <Toggle
          checked={value.oneTime}
          disabled={disabled}
          onLabel={t('settings.toggle.on', 'On')}
          offLabel={t('settings.toggle.off', 'Off')}
          data-testid="uc-reset-password-one-time"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            onChange({ ...value, oneTime: event.currentTarget.checked }, 'oneTime')
          }
        />
        <Field.Hint />
      </Field.Root>
    </Flex>
  );
};
