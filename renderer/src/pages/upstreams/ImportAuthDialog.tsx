import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Button,
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AUTH_JSON_MAX_BYTES,
  readAuthJsonText,
  type AuthJsonReading,
} from '../../../../shared/accounts/read-auth-json';
import { upstreamsChannels, type Pool } from '../../../../shared/contract';
import { useCall } from '../../api/mutations';
import { DialogButtons, DialogError } from '../../components/DialogParts';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';

type Picked = { name: string } & AuthJsonReading;

/** Reads a chosen file; a huge one is refused by its size before it is read. */
async function readAuthJson(chosen: File): Promise<Picked> {
  const text = chosen.size > AUTH_JSON_MAX_BYTES ? '' : await chosen.text();
  return { name: chosen.name, ...readAuthJsonText(text, chosen.size) };
}

/** Adds an account from a Codex CLI auth.json into a chosen Pool, after the core checks its claims. */
export function ImportAuthDialog({ pools, onClose }: { pools: Pool[]; onClose(): void }) {
  const notify = useNotify();
  const importAuth = useCall('upstreams.importAuth');
  const active = pools.filter((p) => p.status === 'active');
  const [picked, setPicked] = useState<Picked | null>(null);
  const { form, formError, clearFormError, submitWith } = useContractForm(
    upstreamsChannels['upstreams.importAuth'].input.pick({ poolId: true }),
    { poolId: active[0]?.id ?? '' },
  );
  const { isValid, isSubmitting } = form.formState;
  const submit = submitWith(async ({ poolId }) => {
    if (!picked || !('file' in picked)) return;
    const row = await importAuth.mutateAsync({ poolId, file: picked.file });
    notify(`${row.email} was added to ${active.find((p) => p.id === poolId)?.name ?? 'the Pool'}.`, 'success');
    onClose();
  });

  const choose = async (chosen: File | undefined) => {
    clearFormError();
    setPicked(chosen ? await readAuthJson(chosen) : null);
  };

  const problem = (picked && 'problem' in picked ? picked.problem : null) ?? formError;
  return (
    <Dialog open onClose={isSubmitting ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Import auth.json</DialogTitle>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Adds the ChatGPT account of a Codex CLI login (its ~/.codex/auth.json) to a Pool. Refresh tokens are
              single-use: once the console refreshes it, the copy on the other machine stops working — sign that machine
              out, or it will break this one.
            </DialogContentText>
            <FormTextField
              control={form.control}
              name="poolId"
              select
              label="Pool"
              disabled={active.length === 0}
              helperText={active.length === 0 ? 'Create or enable a Pool first.' : ' '}
            >
              {active.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </FormTextField>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                Choose file
                <input
                  hidden
                  type="file"
                  accept=".json,application/json"
                  aria-label="auth.json file"
                  onChange={(e) => void choose(e.target.files?.[0])}
                />
              </Button>
              <Typography variant="body2" color={picked ? 'text.primary' : 'text.secondary'} noWrap>
                {picked?.name ?? 'No file chosen'}
              </Typography>
            </Stack>
          </Stack>
          <DialogError message={problem} />
        </DialogContent>
        <DialogButtons onCancel={onClose} busy={isSubmitting}>
          <Button
            type="submit"
            variant="contained"
            disabled={isSubmitting || !isValid || !picked || !('file' in picked)}
          >
            Import
          </Button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
