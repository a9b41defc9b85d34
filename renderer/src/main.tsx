import '@fontsource-variable/inter';
import { createApi } from './api/client';
import { startFirstReads } from './api/first-reads';
import { pickTransport } from './api/pick-transport';
import { loadOpeningPage } from './pages';

// The entry is kept small, and asks for the console's code (React, MUI, the shell: most of the
// bundle) before anything else: that code is fetched and run while this tab signs in and makes
// its first reads, neither waiting for the other. The page it opens on is asked for as soon as
// the tab is signed in, rather than once the router is made.
const consoleCode = import('./mount');
const transport = await pickTransport();
if (transport) loadOpeningPage(window.location.hash);
const signedIn = transport && { transport, ...startFirstReads(createApi(transport)) };
const { mount } = await consoleCode;
mount(signedIn);
