import {
  Button,
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { UpstreamRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { DialogButtons, DialogError } from '../../components/DialogParts';
import { useNotify } from '../../components/Notifier';

type Choice = 'hand_over' | 'copy';

/**
 * Export an account's auth.json, after the one question that decides whether either side keeps
 * working: a ChatGPT refresh token is single-use, so the account is either handed over (the
 * console stops refreshing it) or copied (both refresh, and one of them will break).
 */
export function ExportAuthDialog({ upstream, onClose }: { upstream: UpstreamRow; onClose(): void }) {
  const exportAuth = useCall('upstreams.exportAuth');
  const notify = useNotify();
  const [choice, setChoice] = useState<Choice>('hand_over');
  const [error, setError] = useState<string | null>(null);
  const busy = exportAuth.isPending;
  const submit = async () => {
    setError(null);
    try {
      const outcome = await exportAuth.mutateAsync({ id: upstream.id, handOver: choice === 'hand_over' });
      if (outcome.kind === 'cancelled') return;
      const where = outcome.kind === 'saved' ? `Saved ${outcome.fileName}` : 'auth.json is downloading';
      notify(
        choice === 'hand_over'
          ? `${where}. ${upstream.email} is handed over: the console no longer refreshes it.`
          : `${where}.`,
        outcome.kind === 'saved' ? 'success' : 'info',
      );
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" aria-labelledby="export-auth-title">
      <DialogTitle id="export-auth-title">Hand {upstream.email} over?</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          The auth.json holds this account’s live tokens: anyone with it can use its Codex quota. Its refresh token
          works once, so the console and the Codex CLI that gets the file cannot both keep refreshing it.
        </DialogContentText>
        <RadioGroup value={choice} onChange={(e) => setChoice(e.target.value as Choice)} aria-label="Export as">
          <FormControlLabel
            value="hand_over"
            control={<Radio />}
            label={
              <>
                <Typography>Hand it over</Typography>
                <Typography variant="body2" color="textSecondary">
                  The console stops refreshing this account and marks it handed over. Relink it later to use it here
                  again.
                </Typography>
              </>
            }
            sx={{ alignItems: 'flex-start', mb: 1.5, '& .MuiRadio-root': { mt: -0.75 } }}
          />
          <FormControlLabel
            value="copy"
            control={<Radio />}
            label={
              <>
                <Typography>Keep a copy here</Typography>
                <Typography variant="body2" color="textSecondary">
                  The console keeps refreshing it. Whichever side refreshes second breaks: if that is the console, the
                  account will say it was probably used elsewhere after this export.
                </Typography>
              </>
            }
            sx={{ alignItems: 'flex-start', '& .MuiRadio-root': { mt: -0.75 } }}
          />
        </RadioGroup>
        <DialogError message={error} />
      </DialogContent>
      <DialogButtons onCancel={onClose} busy={busy}>
        <Button variant="contained" color="error" onClick={() => void submit()} disabled={busy}>
          {choice === 'hand_over' ? 'Hand over and export' : 'Export a copy'}
        </Button>
      </DialogButtons>
    </Dialog>
  );
}
