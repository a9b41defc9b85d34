// npm run fake:openai -- --port N: the fake OpenAI auth server, for trying the whole invite flow
// offline: device-code login, token refresh and the usage (quota) endpoint.
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from './fake-openai-server';

const { values } = parseArgs({ options: { port: { type: 'string' }, interval: { type: 'string' } } });
const fake = await startFakeOpenAI({
  port: Number(values.port ?? 7430),
  switches: values.interval ? { interval: values.interval } : {},
});
console.log(`Fake OpenAI: ${fake.issuer}`);
console.log(`Approve codes at ${fake.issuer}/codex/device. Start the console with`);
console.log(`  POOLER_OPENAI_ISSUER=${fake.issuer} POOLER_CHATGPT_BASE_URL=${fake.chatgptBaseUrl} npm run start:web`);
