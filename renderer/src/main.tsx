import '@fontsource-variable/inter';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { createApi } from './api/client';
import { httpTransport, tokenFromPage } from './api/http-transport';
import { ipcTransport } from './api/ipc-transport';
import { prefetchBaseQueries } from './api/queries';
import type { Transport } from './api/transport';
import { App } from './App';
import type { PreloadBridge } from '../../shared/contract';

declare global {
  interface Window {
    pooler?: PreloadBridge;
  }
}

function pickTransport(): Transport {
  if (window.pooler) return ipcTransport(window.pooler);
  // The browser console: drop ?token= from the address bar once the page has it.
  if (window.location.search) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  return httpTransport(tokenFromPage() ?? '');
}

const queryClient = new QueryClient({
  // Core events invalidate exactly what changed (and everything after a reconnect), so cached
  // data never goes stale on its own: no refetch on mount or focus.
  defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } },
});
const transport = pickTransport();
const api = createApi(transport);
prefetchBaseQueries(queryClient, api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={api} transport={transport}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
