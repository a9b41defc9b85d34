import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { POOL_NAME_MAX, poolName, poolNameKey, type Pool } from '../../../shared/contract';
import { ApiError, errorMessage } from '../api/api-error';
import { fieldError } from './forms/field-error';

interface Props {
  /** The Pool being renamed; absent when creating. */
  pool?: Pool;
  /** Every known Pool, so a duplicate name is caught before the round trip. */
  pools: Pool[];
  onSubmit(name: string): Promise<unknown>;
  onClose(): void;
}

/** Create or rename a Pool: inline validation, submit disabled until valid, server errors in place. */
export function PoolNameDialog({ pool, pools, onSubmit, onClose }: Props) {
  const [name, setName] = useState(pool?.name ?? '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiError | Error | null>(null);

  const duplicate = pools.find((p) => p.id !== pool?.id && poolNameKey(p.name) === poolNameKey(name));
  const clientError =
    fieldError(poolName, name) ??
    (duplicate
      ? `A Pool named "${duplicate.name}"${duplicate.status === 'archived' ? ' (archived)' : ''} already exists.`
      : null);
  const unchanged = pool !== undefined && name.trim() === pool.name;
  const fieldMessage =
    (touched ? clientError : null) ?? (serverError instanceof ApiError ? serverError.fields.name : undefined);

  const submit = async () => {
    setTouched(true);
    if (clientError || unchanged) return;
    setBusy(true);
    setServerError(null);
    try {
      await onSubmit(name);
      onClose();
    } catch (err) {
      setServerError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  const title = pool ? 'Rename Pool' : 'Create Pool';
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="pool-name-title">
      <DialogTitle id="pool-name-title">{title}</DialogTitle>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogContent>
          <TextField
            label="Pool name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
              setServerError(null);
            }}
            error={Boolean(fieldMessage)}
            helperText={fieldMessage ?? `Up to ${POOL_NAME_MAX} characters. Names are unique, whatever their case.`}
            autoFocus
            fullWidth
            margin="dense"
            slotProps={{ htmlInput: { 'aria-label': 'Pool name', spellCheck: false } }}
          />
          {serverError && !(serverError instanceof ApiError && serverError.fields.name) && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(serverError)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={Boolean(clientError) || unchanged || busy}>
            {pool ? 'Rename' : 'Create Pool'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
