import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import type { startFirstReads } from './api/first-reads';
import { takeFirstReads } from './api/queries';
import type { Transport } from './api/transport';
import { App } from './App';
import { SignedOut } from './components/SignedOut';
import { consoleRouter } from './console-router';
import type { OpeningPage } from './pages';
import { ThemeModeProvider } from './theme/ThemeModeProvider';

type SignedIn = ReturnType<typeof startFirstReads> & { transport: Transport };

/**
 * Renders the console for a signed-in tab (its first reads already on their way, the page it opens
 * on loaded), or how to sign in.
 */
export function mount(signedIn: SignedIn | null, opening: OpeningPage | null): void {
  const root = createRoot(document.getElementById('root')!);
  if (!signedIn) {
    root.render(
      <ThemeModeProvider setting="system">
        <SignedOut />
      </ThemeModeProvider>,
    );
    return;
  }
  const { api, transport, firstReads } = signedIn;
  const queryClient = new QueryClient({
    // Core events invalidate exactly what changed (and everything after a reconnect), so cached
    // data never goes stale on its own: no refetch on mount or focus.
    defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } },
  });
  takeFirstReads(queryClient, api, firstReads);
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={api} transport={transport}>
          <App router={consoleRouter(opening)} />
        </ApiProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
