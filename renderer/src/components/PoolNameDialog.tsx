import { Button, Dialog, DialogContent, DialogTitle } from '@mui/material';
import { useEffect } from 'react';
import { z } from 'zod';
import type { Pool } from '../../../shared/contract';
import { POOL_NAME_MAX, poolName, poolNameKey } from '../../../shared/contract/pools';
import { DialogButtons, DialogError } from './DialogParts';
import { FormTextField } from './forms/FormTextField';
import { useContractForm } from './forms/use-contract-form';

interface Props {
  /** The Pool being renamed; absent when creating. */
  pool?: Pool;
  /** Every known Pool, so a duplicate name is caught before the round trip. */
  pools: Pool[];
  onSubmit(name: string): Promise<unknown>;
  onClose(): void;
}

/** The contract's rule for a Pool name, plus the uniqueness the core would check. */
function nameSchema(pools: Pool[], pool: Pool | undefined) {
  return z.object({
    name: poolName.superRefine((name, ctx) => {
      const taken = pools.find((p) => p.id !== pool?.id && poolNameKey(p.name) === poolNameKey(name));
      const archived = taken?.status === 'archived' ? ' (archived)' : '';
      if (taken) ctx.addIssue({ code: 'custom', message: `A Pool named "${taken.name}"${archived} already exists.` });
    }),
  });
}

/** Create or rename a Pool: inline validation, submit disabled until valid, server errors in place. */
export function PoolNameDialog({ pool, pools, onSubmit, onClose }: Props) {
  const { form, formError, submitWith } = useContractForm(nameSchema(pools, pool), { name: pool?.name ?? '' });
  const { isValid, isSubmitting } = form.formState;
  const unchanged = pool !== undefined && form.watch('name').trim() === pool.name;
  // A Pool created elsewhere while the dialog is open may take the name being typed.
  useEffect(() => {
    if (form.getFieldState('name').isDirty) void form.trigger('name');
  }, [form, pools]);
  const submit = submitWith(async ({ name }) => {
    await onSubmit(name);
    onClose();
  });

  return (
    <Dialog open onClose={isSubmitting ? undefined : onClose} aria-labelledby="pool-name-title">
      <DialogTitle id="pool-name-title">{pool ? 'Rename Pool' : 'Create Pool'}</DialogTitle>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogContent>
          <FormTextField
            control={form.control}
            name="name"
            label="Pool name"
            helperText={`Up to ${POOL_NAME_MAX} characters. Names are unique, whatever their case.`}
            autoFocus
            fullWidth
            margin="dense"
            slotProps={{ htmlInput: { 'aria-label': 'Pool name', spellCheck: false } }}
          />
          <DialogError message={formError} />
        </DialogContent>
        <DialogButtons onCancel={onClose} busy={isSubmitting}>
          <Button type="submit" variant="contained" disabled={!isValid || unchanged || isSubmitting}>
            {pool ? 'Rename' : 'Create Pool'}
          </Button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
