// npm run serve: the team server (the core without a window); see the README's "Team server".
import { ensureBuild } from './ensure-build.mjs';
import { ensureNode22 } from './ensure-node.mjs';

ensureNode22();
ensureBuild();
await import('../out/main/serve.js');
