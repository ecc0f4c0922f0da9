import { Field, NumberInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';
import { fieldPath, type NumberFieldSpec } from './model';

interface NumberFieldProps {
  spec: NumberFieldSpec;
  value: number | undefined;
  error?: string;
  disabled: boolean;
  onChange: (value: number | undefined) => void;
}

export const NumberField = ({ spec, value, error, disabled, onChange }: NumberFieldProps) => {
  const { formatMessage } = useIntl();
  const path = fieldPath(spec);
  const range = { min: spec.min, max: spec.max };

  return (
    <Field.Root
      name={path}
      id={`uc-${path.replace('.', '-')}`}
      error={error}
      hint={formatMessage(
        {
          id: getTranslation('settings.field.range'),
          defaultMessage: 'A whole number from {min} to {max}.',
        },
        range
      )}
    >
      <Field.Label>{formatMessage({ id: getTranslation(path), defaultMessage: path })}</Field.Label>
      <NumberInput value={value} onValueChange={onChange} disabled={disabled} step={1} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
