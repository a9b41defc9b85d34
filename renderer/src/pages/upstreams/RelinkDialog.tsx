import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Link,
  Stack,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import type { RelinkFailure, RelinkState, UpstreamRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCoreEvents } from '../../api/ApiProvider';
import { useCall } from '../../api/mutations';

const FAILURES: Record<Exclude<RelinkFailure, 'account_mismatch'>, string> = {
  code_expired: 'The code expired before it was approved.',
  denied: 'The sign-in was denied.',
  openai_unavailable: 'OpenAI could not be reached.',
  console_unavailable: 'The console could not store the new tokens.',
  cancelled: 'The relink was cancelled.',
  relinked_by_link: 'Its owner reconnected the account through the relink link first: nothing more to do here.',
};

/** The relink login of one account: started by the operator's click, followed through core events. */
export function useRelink(upstreamId: string | null) {
  const { mutate, data, error, isPending } = useCall('upstreams.relinkStart');
  const [state, setState] = useState<RelinkState | null>(null);
  useCoreEvents((event) => {
    if (event.name === 'upstreams.relink' && event.payload.upstreamId === upstreamId) setState(event.payload);
  });
  const start = useCallback(
    (id: string) => {
      setState(null);
      mutate({ id });
    },
    [mutate],
  );
  return {
    state: state?.upstreamId === upstreamId ? state : (data ?? null),
    error: error ? errorMessage(error) : null,
    starting: isPending,
    start,
  };
}

export type Relink = ReturnType<typeof useRelink>;

/**
 * An in-console device-code login for one account: the operator passes the code and link to the
 * account's owner, who approves it in ChatGPT; the new tokens replace the old ones.
 */
export function RelinkDialog({
  upstream,
  relink,
  onClose,
}: {
  upstream: UpstreamRow;
  relink: Relink;
  onClose(): void;
}) {
  const cancel = useCall('upstreams.relinkCancel');
  const [copied, setCopied] = useState(false);
  const { state, error } = relink;

  const close = () => {
    if (state?.state === 'pending') cancel.mutate({ id: upstream.id });
    onClose();
  };
  const failure =
    state?.state === 'failed'
      ? state.failure === 'account_mismatch'
        ? `${state.approvedEmail ?? 'Another account'} approved the code, but this is ${upstream.email}. Nothing was changed.`
        : state.failure
          ? FAILURES[state.failure]
          : 'The relink did not complete.'
      : null;

  return (
    <Dialog open onClose={close} maxWidth="sm" fullWidth>
      <DialogTitle>Relink {upstream.email}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        {relink.starting && (
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} />
            <Typography>Asking OpenAI for a code…</Typography>
          </Stack>
        )}
        {state?.state === 'pending' && (
          <Stack spacing={2}>
            <DialogContentText>
              Whoever signs in to ChatGPT as <strong>{upstream.email}</strong> opens the link below, enters the code and
              approves. Device code authorization must be on in their ChatGPT Settings → Security.
            </DialogContentText>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'center' }}>
              <Typography
                data-testid="relink-user-code"
                sx={{ fontFamily: 'monospace', fontSize: 32, letterSpacing: 4, fontWeight: 600 }}
              >
                {state.userCode}
              </Typography>
              <IconButton
                aria-label="Copy the code"
                onClick={() => void navigator.clipboard.writeText(state.userCode ?? '').then(() => setCopied(true))}
              >
                <ContentCopyIcon />
              </IconButton>
            </Stack>
            {copied && (
              <Typography variant="caption" color="success.main" sx={{ textAlign: 'center' }}>
                Copied
              </Typography>
            )}
            <Box sx={{ textAlign: 'center' }}>
              <Link href={state.verificationUrl ?? undefined} target="_blank" rel="noreferrer">
                {state.verificationUrl}
              </Link>
            </Box>
            <Stack
              direction="row"
              spacing={1.5}
              sx={{ alignItems: 'center', justifyContent: 'center', color: 'text.secondary' }}
            >
              <CircularProgress size={16} />
              <Typography variant="body2">Waiting for approval. Keep this dialog open.</Typography>
            </Stack>
          </Stack>
        )}
        {state?.state === 'connected' && <Alert severity="success">Relinked. {upstream.email} is ready again.</Alert>}
        {failure && <Alert severity={state?.failure === 'relinked_by_link' ? 'success' : 'error'}>{failure}</Alert>}
      </DialogContent>
      <DialogActions>
        {(failure || error) && <Button onClick={() => relink.start(upstream.id)}>Try again</Button>}
        <Button variant={state?.state === 'connected' ? 'contained' : 'text'} onClick={close}>
          {state?.state === 'pending' ? 'Cancel' : 'Close'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
