// npm run restore -- <backup>: puts a backup in place of the database (no argument: lists them).
import { ensureBuild } from './ensure-build.mjs';
import { ensureNode22 } from './ensure-node.mjs';

ensureNode22();
ensureBuild();
await import('../out/main/restore.js');
