import '@fontsource-variable/inter';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { httpTransport, tokenFromPage } from './api/http-transport';
import { ipcTransport } from './api/ipc-transport';
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
  // Events keep data fresh; refetching on every window focus would only add load.
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider transport={pickTransport()}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
