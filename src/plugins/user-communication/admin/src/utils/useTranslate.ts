import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

export type TranslationValues = Record<string, string | number>;

/** `t(id, defaultMessage, values)` for the plugin's own strings (translations/en.json). */
export const useTranslate = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, defaultMessage: string, values?: TranslationValues) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
};
