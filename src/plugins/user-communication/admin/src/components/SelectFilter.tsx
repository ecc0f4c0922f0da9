import { Box, Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useTranslate } from '../utils/useTranslate';

interface SelectFilterProps<Value extends string> {
  name: string;
  label: string;
  /** Shown while nothing is chosen: what the list then holds ("All types"). */
  placeholder: string;
  width: string;
  value: Value | undefined;
  options: readonly Value[];
  optionLabel: (option: Value) => string;
  onChange: (value: Value | undefined) => void;
}

/** A list filter that picks one of a shared list's values, or none. */
export const SelectFilter = <Value extends string>({
  name,
  label,
  placeholder,
  width,
  value,
  options,
  optionLabel,
  onChange,
}: SelectFilterProps<Value>) => {
  const t = useTranslate();
  return (
    <Box width={width}>
      <Field.Root name={name} id={`uc-filter-${name}`}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect
          value={value ?? null}
          placeholder={placeholder}
          clearLabel={t('filters.clear-one', 'Clear')}
          onClear={() => onChange(undefined)}
          onChange={(chosen) => onChange(chosen as Value)}
        >
          {options.map((option) => (
            <SingleSelectOption key={option} value={option}>
              {optionLabel(option)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  );
};
