// npm run bench: prints figures; budgets are read from them, never asserted.
import { benchColdStart } from './cold-start';

await benchColdStart();
