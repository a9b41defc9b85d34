import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import { Box, Paper, Typography } from '@mui/material';

/** The browser console in a tab that is not signed in: how to get in, in plain words. */
export function SignedOut() {
  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 520 }}>
        <Box sx={{ color: 'text.disabled', mb: 1, '& svg': { fontSize: 40 } }}>
          <LockOutlinedIcon />
        </Box>
        <Typography variant="h5" component="h1" gutterBottom>
          This tab is not signed in to Pooler Console
        </Typography>
        <Typography color="textSecondary" sx={{ mb: 1.5 }}>
          Open the link that <code>npm run start:web</code> printed in its terminal. Each link signs in one browser,
          once; other tabs of that browser are then signed in too.
        </Typography>
        <Typography color="textSecondary">
          To use another browser, open Settings → System in a signed-in tab and make a link for it, or start the console
          again for a new one.
        </Typography>
      </Paper>
    </Box>
  );
}
