// Worker entry in the source tree (tsx, tests): registers the TypeScript loader in this thread,
// then loads the real worker. A built app starts sender-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./sender-worker.ts');
