import * as React from 'react';
import { LABELS, type LabelFamily } from './labels';
import { useTranslate, type TranslationValues } from './useTranslate';

/** `label('type', message.type)`: the translated text of one key of a shared list. */
export const useLabel = () => {
  const t = useTranslate();
  return React.useCallback(
    <Family extends LabelFamily>(
      family: Family,
      key: keyof (typeof LABELS)[Family],
      values?: TranslationValues
    ) => {
      const texts: Record<string, string> = LABELS[family];
      return t(`${family}.${String(key)}`, texts[String(key)], values);
    },
    [t]
  );
};
