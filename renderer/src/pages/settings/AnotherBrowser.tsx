import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useSignInLink } from '../../api/ApiProvider';

/** The browser console only: a one-time link that signs another browser in, shown once. */
export function AnotherBrowser() {
  const signInLink = useSignInLink();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!signInLink) return null;
  const make = () =>
    signInLink().then(
      (url) => {
        setError(null);
        setLink(url);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h3">
        Another browser
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 1.5 }}>
        This tab is signed in; so is every tab of this browser. To use the console in another browser, make a link for
        it. It works once, and only while the console runs.
      </Typography>
      {link ? (
        <Stack spacing={1}>
          <Box component="code" aria-label="Sign-in link" sx={{ overflowWrap: 'anywhere', fontSize: '0.8125rem' }}>
            {link}
          </Box>
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" size="small" onClick={() => void navigator.clipboard.writeText(link)}>
              Copy
            </Button>
            <Button size="small" onClick={() => setLink(null)}>
              Done
            </Button>
          </Stack>
        </Stack>
      ) : (
        <Button variant="outlined" size="small" onClick={() => void make()}>
          Make a sign-in link
        </Button>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
