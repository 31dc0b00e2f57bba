// A refused form names its fields as the form labels them, not by the API's paths (pickPath.pattern).
import { beforeAll, describe, expect, it } from 'vitest';

let api: typeof import('../../src-renderer/lib/api');
beforeAll(async () => {
  // lib/api reads the session's token at load: a stand-in for the browser's sessionStorage
  (globalThis as { sessionStorage?: unknown }).sessionStorage ??= { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  api = await import('../../src-renderer/lib/api');
});

const refused = (issues: { path: string; message: string }[]) => new api.ApiFailure(400, { code: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });

describe('failureText', () => {
  it('calls each field by its label, a field under a labelled one by the label and its last part', () => {
    const e = refused([{ path: 'pickPath.pattern', message: 'it backtracks' }, { path: 'carrierCutoffs.sf', message: 'not a time' }]);
    expect(api.failureText(e, { 'pickPath.pattern': 'Bin code pattern', carrierCutoffs: 'Carrier cut-off times' }))
      .toBe('Bin code pattern: it backtracks; Carrier cut-off times (sf): not a time');
  });

  it('keeps the path of a field it has no label for, and the message of a failure without fields', () => {
    expect(api.failureText(refused([{ path: 'weightToleranceG', message: 'too big' }]), { currency: 'Currency' })).toBe('weightToleranceG: too big');
    expect(api.failureText(new api.ApiFailure(409, { code: 'conflict', message: 'the order changed meanwhile' }), { currency: 'Currency' })).toBe('the order changed meanwhile');
    expect(api.failureText(new Error('Failed to fetch'))).toBe('Failed to fetch');
  });

  it('takes the longest label that covers the path', () => {
    expect(api.failureText(refused([{ path: 'sender.name', message: 'required' }]), { sender: 'Sender', 'sender.name': 'Sender name' })).toBe('Sender name: required');
  });
});
