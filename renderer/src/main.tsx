import '@fontsource-variable/inter';
import { firstReadsSettled, startFirstReads } from './api/first-reads';
import { holdsLinkToken } from './api/browser-session';
import { expectsSignIn, pickTransport } from './api/pick-transport';
import { loadOpeningPage } from './pages';
import { prepareDateFormats } from '../../shared/format/time';

/** How long the first render waits for a first read that has not answered (see `firstReadsSettled`). */
const FIRST_READS_WAIT_MS = 1000;

// The entry is kept small and starts everything a first render waits on at once, in the order
// the browser should send it (it opens six connections per host): signing in, which the first
// reads then wait on; the console's code (React, MUI, the shell: most of the bundle); and, for a
// tab that will be signed in, the page it opens on (the first render draws it with the shell).
// The date formatters (the first one made loads the locale's data: 20-30 ms of this thread) are
// made while the page has nothing else to do: while a printed link's token is traded for a
// session, or else once the first reads are on their way. Made after the trade, they held up
// the console's code, which has usually arrived by then.
// The first render then waits for the first reads, which have usually answered by then.
const opensPage = expectsSignIn();
const tradesLinkToken = holdsLinkToken(); // read first: signing in takes the token out of the address
const signingIn = pickTransport();
const consoleCode = import('./mount');
const openingPage = opensPage ? loadOpeningPage(window.location.hash) : null;
if (tradesLinkToken) prepareDateFormats();
const transport = await signingIn;
const signedIn = transport && { transport, ...startFirstReads(transport) };
if (!tradesLinkToken) prepareDateFormats();
const { mount } = await consoleCode;
if (signedIn) await firstReadsSettled(signedIn.firstReads, FIRST_READS_WAIT_MS);
mount(signedIn, signedIn && (await openingPage));
