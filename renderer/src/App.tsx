import { Alert, Box, CircularProgress } from '@mui/material';
import type { ComponentType } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError, errorMessage } from './api/api-error';
import { useAppStatus, useOnboardingSettings, useSettings } from './api/queries';
import { AlertNotices } from './components/AlertNotices';
import { AppShell } from './components/AppShell';
import { FirstRunDialog } from './components/FirstRunDialog';
import { NotifierProvider } from './components/Notifier';
import { SignedOut } from './components/SignedOut';
import { ThemeModeProvider } from './theme/ThemeModeProvider';
import { PAGES } from './pages';

function Shell() {
  const settings = useSettings();
  const status = useAppStatus();
  const onboarding = useOnboardingSettings();
  return (
    <>
      <AppShell operator={settings.data?.operator ?? null} status={status.data} onboarding={onboarding.data} />
      {settings.data && settings.data.operator === null && (
        <FirstRunDialog suggestedDisplayName={settings.data.suggestedDisplayName} />
      )}
    </>
  );
}

const page = (load: () => Promise<{ Page: ComponentType }>) => async () => ({ Component: (await load()).Page });

// Hash routing works the same under app:// in Electron and http:// in the browser console.
const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/invites" replace /> },
      { path: 'invites', lazy: page(PAGES.invites) },
      { path: 'pools', lazy: page(PAGES.pools) },
      { path: 'upstreams', lazy: page(PAGES.upstreams) },
      { path: 'audit', lazy: page(PAGES.audit) },
      { path: 'settings', lazy: page(PAGES.settings) },
      { path: '*', element: <Navigate to="/invites" replace /> },
    ],
  },
]);

export function App() {
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
