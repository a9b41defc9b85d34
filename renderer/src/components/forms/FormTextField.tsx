import { TextField, type TextFieldProps } from '@mui/material';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';

type Props<T extends FieldValues> = Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'onBlur' | 'error'> & {
  control: Control<T, unknown, FieldValues>;
  name: Path<T>;
  /** Shown while the field has nothing to complain about. */
  helperText?: string;
  /** The value is a number (a port, a timeout): empty or partial input is NaN, which the schema refuses. */
  numeric?: boolean;
};

/** A text field bound to a contract form: its value, and its first error in place of the hint. */
export function FormTextField<T extends FieldValues>({ control, name, helperText, numeric, ...props }: Props<T>) {
  const { field, fieldState } = useController({ control, name });
  const value: unknown = field.value;
  return (
    <TextField
      {...props}
      name={field.name}
      value={typeof value === 'number' && Number.isNaN(value) ? '' : (value ?? '')}
      onChange={(e) => field.onChange(numeric ? (e.target.value === '' ? NaN : Number(e.target.value)) : e)}
      onBlur={field.onBlur}
      inputRef={field.ref}
      error={Boolean(fieldState.error)}
      helperText={fieldState.error?.message ?? helperText}
    />
  );
}
