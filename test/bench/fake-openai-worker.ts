// The fake OpenAI in a worker thread: its own event loop, so its work never shows up as delay in
// the console's (main thread) figures. Answers { id, mint: email } and { id, load: true }.
import { parentPort } from 'node:worker_threads';
import { startFakeOpenAI } from '../fakes/openai/fake-openai-server';

const fake = await startFakeOpenAI({ switches: { interval: '5' } });
// A real usage answer takes a network round trip, not a loopback hop.
fake.usageLoad.delayMs = 40;
parentPort!.postMessage({ ready: true, issuer: fake.issuer, chatgptBaseUrl: fake.chatgptBaseUrl });
parentPort!.on('message', (message: { id: number; mint?: string; load?: boolean; close?: boolean }) => {
  if (message.mint) parentPort!.postMessage({ id: message.id, tokens: fake.mintTokens(message.mint) });
  if (message.load)
    parentPort!.postMessage({
      id: message.id,
      load: { ...fake.usageLoad },
      usageRequests: fake.requests.filter((r) => r.path === '/backend-api/wham/usage').length,
    });
  if (message.close) void fake.close().then(() => parentPort!.postMessage({ id: message.id }));
});
