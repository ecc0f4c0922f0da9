import { RANGES, type CommunicationKey } from '../../../../shared/contracts/settings';
import { useTranslate } from '../../utils/useTranslate';

interface CommunicationTexts {
  title: string;
  /** What the communication does for users. */
  description: string;
  /** The label of each number field, by its key. */
  fields: Record<string, string>;
}

type AllTexts = {
  [K in CommunicationKey]: CommunicationTexts & {
    fields: Record<keyof (typeof RANGES)[K], string>;
  };
};

/** The words of each communication's card; a communication or a number field without them does not compile. */
export const useCommunicationTexts = (activationDays: number): AllTexts => {
  const t = useTranslate();
  return {
    activation: {
      title: t('activation.title', 'Activation of users'),
      description: t(
        'activation.description',
        'Users get an e-mail with an activation link, valid for {days, plural, one {# day} other {# days}}, when their account is created by an admin or an integration. Users imported from Excel get none; SSO users need none.',
        { days: activationDays }
      ),
      fields: {
        linkLifetimeDays: t('activation.linkLifetimeDays', 'Activation link valid for (days)'),
      },
    },
    passwordReset: {
      title: t('passwordReset.title', 'Reset password'),
      description: t(
        'passwordReset.description',
        'Users get a link to set a new password when they click Reset password on the login screen or an admin resets it for them.'
      ),
      fields: {
        linkLifetimeMinutes: t(
          'passwordReset.linkLifetimeMinutes',
          'Reset link valid for (minutes)'
        ),
      },
    },
    noLoginReminder: {
      title: t('noLoginReminder.title', 'No login reminder'),
      description: t(
        'noLoginReminder.description',
        'Users who have not logged in for the chosen number of days are reminded, evaluated once a day at the chosen hour (UTC), including users who never activated.'
      ),
      fields: {
        intervalDays: t('noLoginReminder.intervalDays', 'Remind after (days without login)'),
        hourUtc: t('noLoginReminder.hourUtc', 'Hour of the daily check (UTC)'),
      },
    },
  };
};
