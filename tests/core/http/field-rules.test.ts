// A refused field says which check it failed (FieldIssue.rule), beside zod's English message, so a
// screen can say it in its own language: "重量容差（克）：不能小于 0", not "Too small: expected number to be >=0".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestServer } from '../helpers';

let s: TestServer;
beforeEach(async () => (s = await startCore()));
afterEach(async () => s.close());

describe('FieldIssue.rule', () => {
  it('names the size or type check a value failed, with its limit', async () => {
    const r = await s.as('admin', 'PUT', '/api/settings', { weightToleranceG: -5 });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([{ path: 'weightToleranceG', message: expect.stringContaining('>=0'), rule: { code: 'too_small', origin: 'number', limit: 0 } }]);
    const name = await s.as('lead', 'POST', '/api/rules', { name: '', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { priority: 1 } });
    expect(name.body.error.issues[0]).toMatchObject({ path: 'name', rule: { code: 'too_small', origin: 'string', limit: 1 } });
    const missing = await s.as('lead', 'POST', '/api/rules', { conditions: [{ kind: 'channel', values: ['shop'] }], actions: { priority: 1 } });
    expect(missing.body.error.issues[0]).toMatchObject({ path: 'name', rule: { code: 'invalid_type', expected: 'string' } });
  });

  it('names a format check zod made in its own words (an email address, a date and time) by the format; a format check with words of its own keeps them', async () => {
    const smtp = { host: 'smtp.example.com', from: 'warehouse-at-example.com', to: ['boss@example.com', 'boss@'] };
    const r = await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'email', name: 'Boss', smtp });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      { path: 'smtp.from', message: 'Invalid email address', rule: { code: 'invalid_format', format: 'email' } },
      { path: 'smtp.to.1', message: 'Invalid email address', rule: { code: 'invalid_format', format: 'email' } },
    ]);
    const q = await s.as('admin', 'GET', '/api/orders?from=yesterday');
    expect(q.status).toBe(422);
    expect(q.body.error.issues).toEqual([{ path: 'query.from', message: 'Invalid ISO datetime', rule: { code: 'invalid_format', format: 'datetime' } }]);
    const code = await s.as('admin', 'POST', '/api/carrier-accounts/SF!/test');
    expect(code.status).toBe(422);
    expect(code.body.error.issues).toEqual([{ path: 'path.carrier', message: 'a carrier code: lower-case letters, digits, - and _' }]);
  });

  it('names a check of our own (a refine, a custom issue, a code\'s form) by its key and parameters, beside its English words', async () => {
    const r = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'channel', values: [] }], actions: {} });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      { path: 'conditions.0.values', message: 'channel needs at least one value', key: 'conditionNeedsValue', params: { kind: 'channel' } },
      { path: 'actions', message: 'a rule needs at least one action', key: 'ruleNeedsAction' },
    ]);
    // a size check with words of its own keeps them, and its key: the screen says those, not "required"
    const t = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: 'exceptions.open', op: 'above', value: 1, level: 'warning', windowMinutes: 60, todo: '' });
    expect(t.status).toBe(422);
    expect(t.body.error.issues).toEqual([{ path: 'todo', message: expect.stringMatching(/^say what to do when it fires/), key: 'thresholdTodo' }]);
    const robot = await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'dingtalk', name: '仓库群', url: 'http://oapi.dingtalk.com/robot/send?access_token=t' });
    expect(robot.status).toBe(422);
    expect(robot.body.error.issues).toEqual([
      { path: 'url', message: expect.stringMatching(/^the address must start with https:\/\/ \(got http:\/\/oapi\.dingtalk\.com\)/), key: 'robotUrlClear', params: { got: 'http://oapi.dingtalk.com' } },
      { path: 'secret', message: expect.stringContaining('加签'), key: 'dingtalkSecretRequired' },
    ]);
    // a code of the wrong form: the words it had as a .regex, now with a key
    const badge = await s.as('admin', 'POST', '/api/users', { name: 'Wang', role: 'operator', badge: 'AB' });
    expect(badge.status).toBe(422);
    expect(badge.body.error.issues).toEqual([{ path: 'badge', message: '4 to 64 printable ASCII characters', key: 'badgeCode' }]);
  });
});
