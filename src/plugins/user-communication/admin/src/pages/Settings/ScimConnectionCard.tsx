import { Field, Flex, Typography } from '@strapi/design-system';
import { useSettingsApi } from '../../api/settings';
import { useRequest } from '../../hooks/useRequest';
import { useTranslate } from '../../utils/useTranslate';
import { SettingsSection } from './SettingsSection';

/**
 * How to connect an identity provider's SCIM provisioning: the base URL to paste into it, and
 * the token to create. The token itself is made in Strapi's own API Tokens page, where it is
 * shown once; this card never holds one.
 */
export const ScimConnectionCard = () => {
  const t = useTranslate();
  const api = useSettingsApi();
  const connection = useRequest((signal) => api.getScimConnection(signal));

  return (
    <SettingsSection titleId="uc-scim-title" data-section="scim">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta" tag="h2" id="uc-scim-title">
            {t('settings.scim.title', 'SCIM provisioning')}
          </Typography>
          <Typography variant="omega" textColor="neutral600">
            {t(
              'settings.scim.description',
              'Microsoft Entra ID, Okta and other identity providers can create, update and deactivate users over SCIM 2.0.'
            )}
          </Typography>
        </Flex>
        {connection.error ? (
          <Typography textColor="danger600">
            {t('settings.scim.load-error', 'The SCIM address could not be loaded: {message}', {
              message: connection.error,
            })}
          </Typography>
        ) : null}
        {connection.data ? (
          <>
            <Field.Root
              name="scimBaseUrl"
              hint={t(
                'settings.scim.base-url.hint',
                'Entra ID calls it "Tenant URL", Okta "SCIM connector base URL".'
              )}
            >
              <Field.Label>{t('settings.scim.base-url', 'SCIM base URL')}</Field.Label>
              <Field.Input name="scimBaseUrl" value={connection.data.baseUrl} readOnly />
              <Field.Hint />
            </Field.Root>
            <Typography variant="omega">
              {t(
                'settings.scim.token',
                'Token: Settings → API Tokens → Create new API Token, type Custom, then under User-communication → scim tick "provision". Give the identity provider the token as its "Secret Token" (bearer).'
              )}
            </Typography>
            <Typography variant="omega" textColor="neutral600">
              {connection.data.activation === 'sso'
                ? t(
                    'settings.scim.activation.sso',
                    'Provisioned users sign in with the identity provider (users-permissions provider "{provider}"): they get no activation e-mail.',
                    { provider: connection.data.provider }
                  )
                : t(
                    'settings.scim.activation.email',
                    'Provisioned users get the activation e-mail, as users of the integration API do.'
                  )}
            </Typography>
          </>
        ) : null}
      </Flex>
    </SettingsSection>
  );
};
