import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import type { RelinkFailure, RelinkState, UpstreamRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCoreEvents } from '../../api/ApiProvider';
import { useCall } from '../../api/mutations';
import { RelinkBrowserPanel } from './RelinkBrowserPanel';
import { RelinkCodePanel } from './RelinkCodePanel';

const FAILURES: Record<Exclude<RelinkFailure, 'account_mismatch'>, string> = {
  code_expired: 'The sign-in took too long: the code or sign-in link expired.',
  denied: 'The sign-in was denied.',
  codex_not_enabled: 'OpenAI says Codex is not enabled for this account or its workspace; ask the workspace admin.',
  openai_unavailable: 'OpenAI could not be reached.',
  console_unavailable: 'The console could not store the new tokens.',
  cancelled: 'The relink was cancelled.',
  relinked_by_link: 'Its owner reconnected the account through the relink link first: nothing more to do here.',
};

type Way = RelinkState['via'];

/** The relink login of one account: started by the operator's click, followed through core events. */
export function useRelink(upstreamId: string | null) {
  const code = useCall('upstreams.relinkStart');
  const browser = useCall('upstreams.relinkBrowserStart');
  const [state, setState] = useState<RelinkState | null>(null);
  const [way, setWay] = useState<Way>('code');
  useCoreEvents((event) => {
    if (event.name === 'upstreams.relink' && event.payload.upstreamId === upstreamId) setState(event.payload);
  });
  const { mutate: startCode, reset: resetCode } = code;
  const { mutate: startBrowser, reset: resetBrowser } = browser;
  const start = useCallback(
    (id: string, next: Way = 'code') => {
      setState(null);
      setWay(next);
      resetCode();
      resetBrowser();
      if (next === 'code') startCode({ id });
      else startBrowser({ id });
    },
    [startCode, startBrowser, resetCode, resetBrowser],
  );
  const failed = code.error ?? browser.error;
  return {
    way,
    state: state?.upstreamId === upstreamId ? state : (code.data ?? null),
    /** The browser way's authorize URL and expiry, once the console made them. */
    browser: browser.data ?? null,
    error: failed ? errorMessage(failed) : null,
    starting: code.isPending || browser.isPending,
    start,
  };
}

export type Relink = ReturnType<typeof useRelink>;

function failureText(state: RelinkState | null, email: string): string | null {
  if (state?.state !== 'failed') return null;
  if (state.failure === 'account_mismatch') {
    return `${state.approvedEmail ?? 'Another account'} signed in, but this is ${email}. Nothing was changed.`;
  }
  return state.failure ? FAILURES[state.failure] : 'The relink did not complete.';
}

/**
 * An in-console login for one account, in one of two ways: a device code the operator passes to
 * the account's owner, or a browser sign-in whose landing address is pasted back (for accounts
 * where device-code login is off). The new tokens replace the old ones.
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
  const { state, error, way } = relink;
  const pending = state?.state === 'pending';
  const close = () => {
    if (pending) cancel.mutate({ id: upstream.id });
    onClose();
  };
  const failure = failureText(state, upstream.email);
  const connected = state?.state === 'connected';

  return (
    <Dialog open onClose={close} maxWidth="sm" fullWidth>
      <DialogTitle>Relink {upstream.email}</DialogTitle>
      {!connected && (
        <Tabs
          value={way}
          onChange={(_, next: Way) => relink.start(upstream.id, next)}
          sx={{ px: 3, borderBottom: 1, borderColor: 'divider' }}
        >
          <Tab value="code" label="Approve with a code" />
          <Tab value="browser" label="Sign in in a browser" />
        </Tabs>
      )}
      <DialogContent sx={{ pt: '20px !important' }}>
        <Stack spacing={2}>
          {error && <Alert severity="error">{error}</Alert>}
          {relink.starting && (
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
              <CircularProgress size={18} />
              <Typography>{way === 'code' ? 'Asking OpenAI for a code…' : 'Preparing the sign-in link…'}</Typography>
            </Stack>
          )}
          {pending && state.via === 'code' && way === 'code' && (
            <RelinkCodePanel email={upstream.email} state={state} />
          )}
          {pending && state.via === 'browser' && way === 'browser' && relink.browser && (
            <RelinkBrowserPanel
              upstreamId={upstream.id}
              email={upstream.email}
              start={relink.browser}
              onRestart={() => relink.start(upstream.id, 'browser')}
            />
          )}
          {connected && <Alert severity="success">Relinked. {upstream.email} is ready again.</Alert>}
          {failure && <Alert severity={state?.failure === 'relinked_by_link' ? 'success' : 'error'}>{failure}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        {(failure || error) && <Button onClick={() => relink.start(upstream.id, way)}>Try again</Button>}
        <Button variant={connected ? 'contained' : 'text'} onClick={close}>
          {pending ? 'Cancel' : 'Close'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
