import { Button, Chip, Stack, TextField, Typography } from '@mui/material';
import type { InputOf } from '../../../../shared/contract';

type PasswordChange = InputOf<'smtp.update'>['password'];

interface Props {
  stored: boolean;
  change: PasswordChange;
  onChange(change: PasswordChange): void;
  error?: string | undefined;
}

/**
 * Write-only: a stored password is never shown or sent back, only said to exist. Replace opens a
 * field for a new one; Clear forgets it on save.
 */
export function SmtpPasswordField({ stored, change, onChange, error }: Props) {
  if (change.action === 'replace' || (!stored && change.action !== 'clear')) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={change.action === 'replace' ? change.value : ''}
          onChange={(e) => onChange(e.target.value ? { action: 'replace', value: e.target.value } : { action: 'keep' })}
          error={Boolean(error)}
          helperText={
            error ?? (stored ? 'Replaces the stored password when you save.' : 'Kept encrypted; never shown again.')
          }
          fullWidth
          slotProps={{ htmlInput: { maxLength: 1100, 'aria-label': 'Password' } }}
        />
        {stored && (
          <Button onClick={() => onChange({ action: 'keep' })} sx={{ mt: 1 }}>
            Keep stored
          </Button>
        )}
      </Stack>
    );
  }
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', minHeight: 56 }}>
      <Typography variant="body2" color="textSecondary">
        Password
      </Typography>
      {change.action === 'clear' ? (
        <Chip size="small" color="warning" variant="outlined" label="will be cleared" />
      ) : (
        <Chip size="small" color="success" variant="outlined" label="stored" />
      )}
      <Button size="small" onClick={() => onChange({ action: 'replace', value: '' })}>
        Replace
      </Button>
      {change.action === 'clear' ? (
        <Button size="small" onClick={() => onChange({ action: 'keep' })}>
          Undo
        </Button>
      ) : (
        <Button size="small" color="error" onClick={() => onChange({ action: 'clear' })}>
          Clear
        </Button>
      )}
    </Stack>
  );
}
