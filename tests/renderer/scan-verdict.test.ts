// What a Devices screen shows of a scan (scanVerdict): one verdict for the station's test scans (its
// core link fails with AppError) and the screen's keyboard-wedge scans (the screen's API client fails
// with ApiFailure, or a fetch that reached nobody). The failure reads the same from either side.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, scanVerdict } from '../../src-main/contract/devices';
import { AppError } from '../../src-main/lib/errors';

let api: typeof import('../../src-renderer/lib/api');
const realFetch = globalThis.fetch;
beforeAll(async () => {
  // lib/api reads the session's token at load, and says a 401 to the window: stand-ins for the browser's
  (globalThis as { sessionStorage?: unknown }).sessionStorage ??= { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  (globalThis as { window?: unknown }).window ??= { dispatchEvent: () => true };
  api = await import('../../src-renderer/lib/api');
});
afterEach(() => void (globalThis.fetch = realFetch));

/** The screen's own badge check, its core answering `answer` (or its fetch failing so). */
function screenAsks(answer: () => Response) {
  const asked: string[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    asked.push(JSON.parse(String(init.body)).badge);
    return answer();
  }) as typeof fetch;
  return { asked, ask: async (badge: string) => (await api.call('badgeCheck', { body: { badge } })).badge };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('scanVerdict', () => {
  it("shows a code the core knows as nobody's badge; a badge, the screen's own or another's, stays dots", async () => {
    for (const [badge, verdict] of [['none', 'shown'], ['own', 'badge'], ['other', 'badge']] as const) {
      const s = screenAsks(() => json(200, { badge }));
      const test = await scanVerdict(' OP-1001 ', s.ask);
      expect(test).toEqual({ verdict });
      expect(s.asked).toEqual(['OP-1001']);
      expect(codeFor('OP-1001', test)).toBe(verdict === 'shown' ? 'OP-1001' : '•••••••');
    }
  });

  it('shows a code of no badge form without asking', async () => {
    const s = screenAsks(() => json(200, { badge: 'other' }));
    expect(await scanVerdict('ab', s.ask)).toEqual({ verdict: 'shown' });
    expect(s.asked).toEqual([]);
  });

  it("reads the screen's failures: throttled, the core away (no answer, a proxy's 502), the session ended, anything else failed", async () => {
    const cases: [() => Response, string][] = [
      [() => json(429, { error: { code: 'rate_limited', message: 'too many badge checks: try again in 120 s' } }), 'throttled'],
      [() => { throw new TypeError('Failed to fetch'); }, 'coreAway'],
      [() => new Response('<html>Bad Gateway</html>', { status: 502 }), 'coreAway'],
      [() => json(401, { error: { code: 'unauthenticated', message: 'log in first' } }), 'sessionEnded'],
      [() => json(403, { error: { code: 'forbidden', message: 'not for a viewer' } }), 'sessionEnded'],
      [() => json(500, { error: { code: 'internal', message: 'something broke' } }), 'failed'],
    ];
    for (const [answer, why] of cases) {
      const test = await scanVerdict('OP-1001', screenAsks(answer).ask);
      expect(test, why).toMatchObject({ verdict: 'unchecked', why });
      expect(test.detail).toBeTruthy();
      expect(codeFor('OP-1001', test)).toBe('•••••••');
    }
  });

  it("reads the station's failures (AppError) the same way", async () => {
    const cases: [AppError, string][] = [
      [new AppError('rate_limited', 'too many badge checks'), 'throttled'],
      [new AppError('unavailable', 'the order core at http://127.0.0.1:1 is not answering'), 'coreAway'],
      [new AppError('unauthenticated', 'session expired'), 'sessionEnded'],
      [new AppError('internal', 'HTTP 500 from the order core'), 'failed'],
    ];
    for (const [e, why] of cases) {
      expect(await scanVerdict('OP-1001', () => Promise.reject(e))).toEqual({ verdict: 'unchecked', why, detail: e.message });
    }
  });
});
