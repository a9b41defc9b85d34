import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, CircularProgress, DialogContentText, IconButton, Link, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { RelinkState } from '../../../../shared/contract';

/** The device-code way: the code and the page to enter it on, for whoever signs in as the account. */
export function RelinkCodePanel({ email, state }: { email: string; state: RelinkState }) {
  const [copied, setCopied] = useState(false);
  return (
    <Stack spacing={2}>
      <DialogContentText>
        Whoever signs in to ChatGPT as <strong>{email}</strong> opens the link below, enters the code and approves.
        Device code authorization must be on in their ChatGPT Settings → Security.
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
        <Typography variant="caption" color="success" sx={{ textAlign: 'center' }}>
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
  );
}
