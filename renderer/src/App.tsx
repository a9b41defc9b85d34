import { Alert, Box, CircularProgress } from '@mui/material';
import { RouterProvider } from 'react-router';
import { ApiError, errorMessage } from './api/api-error';
import { useSettings } from './api/queries';
import { AlertNotices } from './components/AlertNotices';
import { NotifierProvider } from './components/Notifier';
import { SignedOut } from './components/SignedOut';
import type { ConsoleRouter } from './console-router';
import { ThemeModeProvider } from './theme/ThemeModeProvider';

export function App({ router }: { router: ConsoleRouter }) {
  const settings = useSettings();
  if (settings.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label="Loading" />
      </Box>
    );
  }
  return (
    <ThemeModeProvider setting={settings.data?.theme ?? 'system'}>
      {settings.error instanceof ApiError && settings.error.code === 'unauthorized' ? (
        // A session from an earlier start of the console, or none that this console knows.
        <SignedOut />
      ) : settings.error ? (
        <Box sx={{ p: 4 }}>
          <Alert severity="error">{errorMessage(settings.error)}</Alert>
        </Box>
      ) : (
        <NotifierProvider>
          <AlertNotices open={(link) => void router.navigate(link)} />
          <RouterProvider router={router} />
        </NotifierProvider>
      )}
    </ThemeModeProvider>
  );
}
