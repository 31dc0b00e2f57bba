// setupFiles when PACKLINE_TEST_STORE=postgres: a core a test opened and left open is closed after
// the test, so its database serves the next one (making a database costs ~0.6 s, emptying one ~tens of ms).
import { afterEach, beforeEach } from 'vitest';
import { newFile, testEnded, testStarted } from './pg-store';

newFile(); // this file's body runs once per test file, before its tests
beforeEach(testStarted);
afterEach(testEnded);
