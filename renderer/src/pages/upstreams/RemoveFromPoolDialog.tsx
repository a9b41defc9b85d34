import {
  Alert,
  Button,
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
} from '@mui/material';
import { Controller } from 'react-hook-form';
import { upstreamsChannels, type UpstreamRow } from '../../../../shared/contract';
import { useCall } from '../../api/mutations';
import { DialogButtons, DialogError } from '../../components/DialogParts';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';

/**
 * Takes an account out of one Pool. From its last Pool, the operator also decides whether the
 * account and its stored tokens go too, or stay (in no Pool) for a later Reinvite. Keeping is the
 * preselected choice: deleting cannot be undone, so it takes a deliberate click.
 */
export function RemoveFromPoolDialog({ upstream, onClose }: { upstream: UpstreamRow; onClose(): void }) {
  const notify = useNotify();
  const remove = useCall('upstreams.removeFromPool');
  const last = upstream.pools.length === 1;
  const { form, formError, submitWith } = useContractForm(
    upstreamsChannels['upstreams.removeFromPool'].input,
    { id: upstream.id, poolId: upstream.pools[0]?.id ?? '', deleteAccount: false },
    last ? ['deleteAccount'] : ['poolId'],
  );
  const { isValid, isSubmitting } = form.formState;
  const pool = upstream.pools.find((p) => p.id === form.watch('poolId'));
  const deleting = last && form.watch('deleteAccount');
  const submit = submitWith(async (input) => {
    const { deleted } = await remove.mutateAsync({ ...input, deleteAccount: last && input.deleteAccount });
    notify(
      deleted
        ? `${upstream.email} was deleted with its stored tokens.`
        : `${upstream.email} was removed from ${pool?.name ?? 'the Pool'}.`,
    );
    onClose();
  });

  return (
    <Dialog open onClose={isSubmitting ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>
        Remove {upstream.email} from {last ? pool?.name : 'a Pool'}?
      </DialogTitle>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogContent>
          <Stack spacing={2}>
            {!last && (
              <FormTextField control={form.control} name="poolId" select label="Pool" sx={{ mt: 1 }}>
                {upstream.pools.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </FormTextField>
            )}
            {last ? (
              <>
                <DialogContentText>This is the account’s last Pool. What happens to the account?</DialogContentText>
                <Controller
                  control={form.control}
                  name="deleteAccount"
                  render={({ field }) => (
                    <RadioGroup
                      value={field.value ? 'delete' : 'keep'}
                      onChange={(e) => field.onChange(e.target.value === 'delete')}
                    >
                      <FormControlLabel
                        value="keep"
                        control={<Radio />}
                        label="Keep the account, in no Pool, to reinvite later"
                      />
                      <FormControlLabel
                        value="delete"
                        control={<Radio />}
                        label="Delete the account and its stored tokens"
                      />
                    </RadioGroup>
                  )}
                />
              </>
            ) : (
              <DialogContentText>The account stays in its other Pools.</DialogContentText>
            )}
          </Stack>
          {deleting && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              Deleting loses its sign-in for good: the stored tokens, its quota readings and its place in the console.
              It can come back only through a new invite or an auth.json import.
            </Alert>
          )}
          <DialogError message={formError} />
        </DialogContent>
        <DialogButtons onCancel={onClose} busy={isSubmitting}>
          <Button type="submit" color="error" variant="contained" disabled={isSubmitting || !isValid}>
            {deleting ? 'Remove and delete' : 'Remove'}
          </Button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
