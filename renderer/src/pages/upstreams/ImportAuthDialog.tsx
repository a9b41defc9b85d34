import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { pickAuthJsonFields, type AuthJsonFile, type Pool } from '../../../../shared/contract';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { useNotify } from '../../components/Notifier';

const FILE_MAX_BYTES = 64 * 1024;

/** Adds an account from a Codex CLI auth.json into a chosen Pool, after the core checks its claims. */
export function ImportAuthDialog({ pools, onClose }: { pools: Pool[]; onClose(): void }) {
  const api = useApi();
  const notify = useNotify();
  const active = pools.filter((p) => p.status === 'active');
  const [poolId, setPoolId] = useState(active[0]?.id ?? '');
  const [file, setFile] = useState<{ name: string; content: AuthJsonFile } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (chosen: File | undefined) => {
    setError(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > FILE_MAX_BYTES) return setError('That file is too large to be a Codex auth.json.');
    try {
      setFile({ name: chosen.name, content: pickAuthJsonFields(JSON.parse(await chosen.text())) as AuthJsonFile });
    } catch {
      setError('That file is not JSON. Choose the auth.json from ~/.codex.');
    }
  };

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const row = await api.upstreams.importAuth({ poolId, file: file.content });
      notify(`${row.email} was added to ${active.find((p) => p.id === poolId)?.name ?? 'the Pool'}.`, 'success');
      onClose();
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fields) : [];
      setError(fields[0] ?? errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Import auth.json</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Adds the ChatGPT account of a Codex CLI login (its ~/.codex/auth.json) to a Pool. Refresh tokens are
            single-use: once the console refreshes it, the copy on the other machine stops working — sign that machine
            out, or it will break this one.
          </DialogContentText>
          <TextField
            select
            label="Pool"
            value={poolId}
            onChange={(e) => setPoolId(e.target.value)}
            disabled={active.length === 0}
            helperText={active.length === 0 ? 'Create or enable a Pool first.' : ' '}
          >
            {active.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
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
            <Typography variant="body2" color={file ? 'text.primary' : 'text.secondary'} noWrap>
              {file ? file.name : 'No file chosen'}
            </Typography>
          </Stack>
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || !file || !poolId}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
