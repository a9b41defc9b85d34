import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import type { UpstreamRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { useNotify } from '../../components/Notifier';

/**
 * Takes an account out of one Pool. From its last Pool, the operator also decides whether the
 * account and its stored tokens go too, or stay (in no Pool) for a later Reinvite.
 */
export function RemoveFromPoolDialog({ upstream, onClose }: { upstream: UpstreamRow; onClose(): void }) {
  const api = useApi();
  const notify = useNotify();
  const [poolId, setPoolId] = useState(upstream.pools[0]?.id ?? '');
  const [keep, setKeep] = useState<'delete' | 'keep'>('delete');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = upstream.pools.length === 1;
  const pool = upstream.pools.find((p) => p.id === poolId);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      const { deleted } = await api.upstreams.removeFromPool({
        id: upstream.id,
        poolId,
        deleteAccount: last && keep === 'delete',
      });
      notify(
        deleted
          ? `${upstream.email} was deleted with its stored tokens.`
          : `${upstream.email} was removed from ${pool?.name ?? 'the Pool'}.`,
      );
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>
        Remove {upstream.email} from {last ? pool?.name : 'a Pool'}?
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {!last && (
            <TextField select label="Pool" value={poolId} onChange={(e) => setPoolId(e.target.value)} sx={{ mt: 1 }}>
              {upstream.pools.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          {last ? (
            <>
              <DialogContentText>This is the account’s last Pool. What happens to the account?</DialogContentText>
              <RadioGroup value={keep} onChange={(e) => setKeep(e.target.value as 'delete' | 'keep')}>
                <FormControlLabel value="delete" control={<Radio />} label="Delete the account and its stored tokens" />
                <FormControlLabel
                  value="keep"
                  control={<Radio />}
                  label="Keep the account, in no Pool, to reinvite later"
                />
              </RadioGroup>
            </>
          ) : (
            <DialogContentText>The account stays in its other Pools.</DialogContentText>
          )}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button color="error" variant="contained" onClick={() => void remove()} disabled={busy || !poolId}>
          {last && keep === 'delete' ? 'Remove and delete' : 'Remove'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
