// setupFiles when PACKLINE_TEST_STORE=postgres: a core a test opened and left open is closed after
// the test, so its database serves the next one (making a database costs ~0.6 s, emptying one ~tens of ms).
import { afterEach, beforeEach } from 'vitest';
import { testEnded, testStarted } from './pg-store';

beforeEach(testStarted);
afterEach(testEnded);
