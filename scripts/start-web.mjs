// npm run start:web -- [--port N]: the browser console on 127.0.0.1.
import { ensureBuild } from './ensure-build.mjs';
import { ensureNode22 } from './ensure-node.mjs';

ensureNode22();
ensureBuild();
await import('../out/main/host.js');
