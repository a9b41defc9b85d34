import type { ComponentType } from 'react';
import { createHashRouter, Navigate, type RouteObject } from 'react-router';
import { useAppStatus, useOnboardingSettings, useSettings } from './api/queries';
import { AppShell } from './components/AppShell';
import { FirstRunDialog } from './components/FirstRunDialog';
import { PAGES, type OpeningPage, type PageName } from './pages';

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

const lazyPage = (load: () => Promise<{ Page: ComponentType }>) => async () => ({ Component: (await load()).Page });

/**
 * The console's pages under its shell. The page the tab opens on comes already loaded
 * (`opening`): the router starts with nothing left to load, so the first render draws the shell
 * and that page at once — not an empty frame, then the page in a second, interruptible render
 * once its chunk resolves. Every other page is loaded when first visited.
 */
export function consoleRoutes(opening: OpeningPage | null): RouteObject[] {
  const page = (name: PageName): RouteObject =>
    opening?.name === name ? { path: name, Component: opening.Page } : { path: name, lazy: lazyPage(PAGES[name]) };
  return [
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/invites" replace /> },
        page('invites'),
        page('pools'),
        page('upstreams'),
        page('audit'),
        page('settings'),
        { path: '*', element: <Navigate to="/invites" replace /> },
      ],
    },
  ];
}

/** Hash routing works the same under app:// in Electron and http:// in the browser console. */
export const consoleRouter = (opening: OpeningPage | null) => createHashRouter(consoleRoutes(opening));

export type ConsoleRouter = ReturnType<typeof consoleRouter>;
