import * as React from 'react';
import { Button, Flex, Modal, Radio, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import type { ApiError } from '../api/errors';
import { usePasswordsApi } from '../api/passwords';
import { useTranslate } from '../utils/useTranslate';
import {
  ManualPasswordFields,
  type ManualPassword,
  type ManualPasswordErrors,
} from './ManualPasswordFields';

type Choice = 'email' | 'manual';

export interface ResetPasswordDialogProps {
  documentId: string;
  email: string | null;
  canSendEmail: boolean;
  canSetPassword: boolean;
  onClose: () => void;
}

// Lines a hint up with its radio's label: the radio (2rem) plus the gap before the label (0.8rem).
const UNDER_LABEL = '2.8rem';

const EMPTY: ManualPassword = { password: '', passwordConfirmation: '', oneTime: true };

/** The body and footer of the "Reset password" modal: a reset e-mail, or a password the admin sets and passes on. */
export const ResetPasswordDialog = ({
  documentId,
  email,
  canSendEmail,
  canSetPassword,
  onClose,
}: ResetPasswordDialogProps) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = usePasswordsApi();
  const [choice, setChoice] = React.useState<Choice>(canSendEmail ? 'email' : 'manual');
  const [manual, setManual] = React.useState<ManualPassword>(EMPTY);
  const [fieldErrors, setFieldErrors] = React.useState<ManualPasswordErrors>({});
  const [error, setError] = React.useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = React.useState(false);

  const user = email ?? t('reset-password.the-user', 'the user');
  const notAllowed = t('reset-password.not-allowed', 'Your role does not allow this.');

  const choose = (next: string) => {
    setChoice(next === 'manual' ? 'manual' : 'email');
    setFieldErrors({});
    setError(null);
  };

  const changeManual = (next: ManualPassword, changed: keyof ManualPassword) => {
    setManual(next);
    // A mismatch is cured by editing either field (or by Generate, which fills both), so both errors go.
    setFieldErrors((current) => (changed === 'oneTime' ? current : {}));
  };

  const clientErrors = (): ManualPasswordErrors => {
    if (manual.password === '')
      return { password: t('reset-password.required', 'Enter a password.') };
    if (manual.password !== manual.passwordConfirmation) {
      return { passwordConfirmation: t('reset-password.mismatch', 'The passwords do not match.') };
    }
    return {};
  };

  const submit = async () => {
    if (choice === 'email') {
      await api.sendResetEmail(documentId);
      toggleNotification({
        type: 'success',
        message: t('reset-password.email.queued', 'Password reset e-mail queued for {email}', {
          email: user,
        }),
      });
      return;
    }
    const result = await api.setPassword(documentId, manual);
    toggleNotification({
      type: 'success',
      message: result.oneTime
        ? t(
            'reset-password.set.one-time',
            'One-time password set for {email}. They must change it at their next login.',
            { email: user }
          )
        : t('reset-password.set.done', 'New password set for {email}', { email: user }),
    });
  };

  const handleSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React events bubble through portals: without this the edit view's own form would be submitted too.
    event.stopPropagation();
    setError(null);
    const invalid = choice === 'manual' ? clientErrors() : {};
    setFieldErrors(invalid);
    if (Object.keys(invalid).length > 0) return;

    setIsSubmitting(true);
    try {
      await submit();
      onClose();
    } catch (caught) {
      const { message, fieldErrors: serverFieldErrors } = caught as ApiError;
      const { password, passwordConfirmation } = serverFieldErrors;
      if (choice === 'manual' && (password || passwordConfirmation))
        setFieldErrors({ password, passwordConfirmation });
      else setError(message);
      setIsSubmitting(false);
    }
  };

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="uc-reset-password-dialog">
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Radio.Group
            value={choice}
            onValueChange={choose}
            aria-label={t('reset-password.choice', 'How to reset the password')}
            disabled={isSubmitting}
          >
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Radio.Item
                value="email"
                disabled={!canSendEmail}
                aria-describedby="uc-reset-password-email-hint"
              >
                {t('reset-password.choice.email', 'Send a password reset e-mail')}
              </Radio.Item>
              <Typography
                id="uc-reset-password-email-hint"
                variant="pi"
                textColor="neutral600"
                paddingLeft={UNDER_LABEL}
              >
                {canSendEmail
                  ? t(
                      'reset-password.choice.email.hint',
                      'The user gets a link to choose a new password.'
                    )
                  : notAllowed}
              </Typography>
            </Flex>
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Radio.Item
                value="manual"
                disabled={!canSetPassword}
                aria-describedby="uc-reset-password-manual-hint"
              >
                {t('reset-password.choice.manual', 'Set a new password manually')}
              </Radio.Item>
              <Typography
                id="uc-reset-password-manual-hint"
                variant="pi"
                textColor="neutral600"
                paddingLeft={UNDER_LABEL}
              >
                {canSetPassword
                  ? t(
                      'reset-password.choice.manual.hint',
                      'You choose the password; no e-mail is sent.'
                    )
                  : notAllowed}
              </Typography>
            </Flex>
          </Radio.Group>
          {choice === 'manual' ? (
            <ManualPasswordFields
              value={manual}
              errors={fieldErrors}
              disabled={isSubmitting}
              onChange={changeManual}
            />
          ) : null}
          {error ? (
            <Typography
              tag="p"
              role="alert"
              variant="omega"
              textColor="danger600"
              data-testid="uc-reset-password-error"
            >
              {error}
            </Typography>
          ) : null}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button type="button" variant="tertiary" onClick={onClose} disabled={isSubmitting}>
          {t('reset-password.cancel', 'Cancel')}
        </Button>
        <Button type="submit" loading={isSubmitting} data-testid="uc-reset-password-submit">
          {choice === 'email'
            ? t('reset-password.send', 'Send e-mail')
            : t('reset-password.set', 'Set password')}
        </Button>
      </Modal.Footer>
    </form>
  );
};
