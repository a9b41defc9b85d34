import { Stack, TextField } from '@mui/material';
import { operatorProfileInput } from '../../../shared/contract';
import { fieldError } from './forms/field-error';

export interface OperatorDraft {
  displayName: string;
  email: string;
}

/** Field errors for a draft, using the contract's own rules; empty when valid. */
export function operatorErrors(draft: OperatorDraft): Partial<Record<keyof OperatorDraft, string>> {
  const errors: Partial<Record<keyof OperatorDraft, string>> = {};
  const displayName = fieldError(operatorProfileInput.shape.displayName, draft.displayName);
  const email = fieldError(operatorProfileInput.shape.email, draft.email);
  if (displayName) errors.displayName = displayName;
  if (email) errors.email = email;
  return errors;
}

interface Props {
  draft: OperatorDraft;
  onChange(draft: OperatorDraft): void;
  /** Errors to show (client-side once touched, or from the server). */
  errors: Partial<Record<keyof OperatorDraft, string>>;
  autoFocus?: boolean;
}

export function OperatorFields({ draft, onChange, errors, autoFocus }: Props) {
  return (
    <Stack spacing={2}>
      <TextField
        label="Display name"
        value={draft.displayName}
        onChange={(e) => onChange({ ...draft, displayName: e.target.value })}
        error={Boolean(errors.displayName)}
        helperText={errors.displayName ?? 'Shown as "Invited by" and in the audit log.'}
        autoFocus={autoFocus}
        fullWidth
        slotProps={{ htmlInput: { maxLength: 200, 'aria-label': 'Display name' } }}
      />
      <TextField
        label="Email"
        type="email"
        value={draft.email}
        onChange={(e) => onChange({ ...draft, email: e.target.value })}
        error={Boolean(errors.email)}
        helperText={errors.email ?? 'Where test emails go; shown to invitees as the inviter.'}
        fullWidth
        slotProps={{ htmlInput: { maxLength: 300, 'aria-label': 'Email' } }}
      />
    </Stack>
  );
}
