import { Field, NumberInput } from '@strapi/design-system';
import { useTranslate } from '../../utils/useTranslate';
import { fieldPath, type NumberFieldSpec } from './model';

interface NumberFieldProps {
  spec: NumberFieldSpec;
  label: string;
  value: number | undefined;
  error?: string;
  disabled: boolean;
  onChange: (value: number | undefined) => void;
}

export const NumberField = ({
  spec,
  label,
  value,
  error,
  disabled,
  onChange,
}: NumberFieldProps) => {
  const t = useTranslate();
  const path = fieldPath(spec);

  return (
    <Field.Root
      name={path}
      id={`uc-${path.replace('.', '-')}`}
      error={error}
      hint={t('settings.field.range', 'A whole number from {min} to {max}.', {
        min: spec.min,
        max: spec.max,
      })}
    >
      <Field.Label>{label}</Field.Label>
      <NumberInput value={value} onValueChange={onChange} disabled={disabled} step={1} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
