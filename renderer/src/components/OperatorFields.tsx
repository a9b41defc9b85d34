import { Stack } from '@mui/material';
import type { Control } from 'react-hook-form';
import type { InputOf } from '../../../shared/contract';
import { FormTextField } from './forms/FormTextField';

export type OperatorDraft = InputOf<'settings.updateOperator'>;

/** Display name and email, as the first-run dialog and Settings both ask for them. */
export function OperatorFields({ control, autoFocus }: { control: Control<OperatorDraft>; autoFocus?: boolean }) {
  return (
    <Stack spacing={2}>
      <FormTextField
        control={control}
        name="displayName"
        label="Display name"
        helperText='Shown as "Invited by" and in the audit log.'
        autoFocus={autoFocus}
        fullWidth
        slotProps={{ htmlInput: { maxLength: 200, 'aria-label': 'Display name' } }}
      />
      <FormTextField
        control={control}
        name="email"
        label="Email"
        type="email"
        helperText="Where test emails go; shown to invitees as the inviter."
        fullWidth
        slotProps={{ htmlInput: { maxLength: 300, 'aria-label': 'Email' } }}
      />
    </Stack>
  );
}
