import '@fontsource-variable/inter';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { createApi } from './api/client';
import { browserSession } from './api/browser-session';
import { httpTransport } from './api/http-transport';
import { ipcTransport } from './api/ipc-transport';
import { prefetchBaseQueries } from './api/queries';
import type { Transport } from './api/transport';
import { App } from './App';
import { SignedOut } from './components/SignedOut';
import { ThemeModeProvider } from './theme/ThemeModeProvider';
import type { PreloadBridge } from '../../shared/contract';

declare global {
  interface Window {
    pooler?: PreloadBridge;
  }
}

/**
 * Electron's preload bridge; a team server's page (its sign-in set a cookie before this page was
 * served); or the browser console's HTTP once this tab is signed in.
 */
async function pickTransport(): Promise<Transport | null> {
  if (window.pooler) return ipcTransport(window.pooler);
  if (document.querySelector('meta[name="pooler-team-server"]')) return httpTransport(null);
  const session = await browserSession();
  return session ? httpTransport(session) : null;
}

const root = createRoot(document.getElementById('root')!);
const transport = await pickTransport();
if (transport) {
  const queryClient = new QueryClient({
    // Core events invalidate exactly what changed (and everything after a reconnect), so cached
    // data never goes stale on its own: no refetch on mount or focus.
    defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } },
  });
  const api = createApi(transport);
  prefetchBaseQueries(queryClient, api);
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={api} transport={transport}>
          <App />
        </ApiProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
} else {
  root.render(
    <ThemeModeProvider setting="system">
      <SignedOut />
    </ThemeModeProvider>,
  );
}
