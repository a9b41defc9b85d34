import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Button, DialogContentText, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { PASTE_MAX_CHARS, type BrowserStart } from '../../../../shared/onboarding/page-api';
import { formatDateTime } from '../../../../shared/format/time';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';

/**
 * The browser way, for accounts where device-code login is off (reference §11): OpenAI's sign-in
 * page in a browser where the account can sign in, then the address it lands on pasted back. The
 * console holds the verifier; this panel only ever has the authorize URL.
 */
export function RelinkBrowserPanel({
  upstreamId,
  email,
  start,
  onRestart,
}: {
  upstreamId: string;
  email: string;
  start: BrowserStart;
  onRestart(): void;
}) {
  const paste = useCall('upstreams.relinkBrowserPaste');
  const [text, setText] = useState('');
  const [copied, setCopied] = useState(false);
  const finish = () => paste.mutate({ id: upstreamId, text }, { onSuccess: () => setText('') });

  return (
    <Stack spacing={2}>
      <DialogContentText>
        For accounts where device-code login is off. Open OpenAI’s sign-in page in a browser where{' '}
        <strong>{email}</strong> can sign in (yours, or send the link to its owner). After signing in, the browser lands
        on a page that doesn’t load; copy that page’s whole address and paste it here.
      </DialogContentText>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <Button
          variant="outlined"
          href={start.authorizeUrl}
          target="_blank"
          rel="noreferrer"
          endIcon={<OpenInNewIcon />}
        >
          Open the sign-in page
        </Button>
        <Button onClick={() => void navigator.clipboard.writeText(start.authorizeUrl).then(() => setCopied(true))}>
          {copied ? 'Link copied' : 'Copy the sign-in link'}
        </Button>
        <Button onClick={onRestart}>New sign-in link</Button>
      </Stack>
      <TextField
        label="Address of the page you landed on"
        placeholder="http://localhost:1455/auth/callback?code=…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          paste.reset();
        }}
        multiline
        minRows={2}
        autoComplete="off"
        slotProps={{ htmlInput: { maxLength: PASTE_MAX_CHARS, spellCheck: false } }}
        error={paste.isError}
        helperText={paste.isError ? errorMessage(paste.error) : ' '}
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" disabled={!text.trim() || paste.isPending} onClick={finish}>
          {paste.isPending ? 'Finishing…' : 'Finish relink'}
        </Button>
        <Typography variant="body2" color="textSecondary">
          The sign-in link works once, until {formatDateTime(start.expiresAt)}.
        </Typography>
      </Stack>
    </Stack>
  );
}
