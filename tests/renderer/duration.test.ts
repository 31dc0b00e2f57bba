// A lead's queue says how long an order has waited as a person reads it: minutes, then hours and
// minutes, then days and hours, in both languages ("6 d 12 h", not "9360 min").
import { describe, it, expect } from 'vitest';
import { duration } from '../../src-renderer/lib/ui';
import { en } from '../../src-renderer/lib/locales/en';
import { zhCN } from '../../src-renderer/lib/locales/zh-CN';

const translator = (words: Record<string, string>) => (key: string, params: Record<string, number>) =>
  words[key.replace('common.', '')]!.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

describe('duration', () => {
  it('minutes, hours and minutes, days and hours', () => {
    const t = translator(en.common);
    expect(duration(t, 0)).toBe('0 min');
    expect(duration(t, 59.4)).toBe('59 min');
    expect(duration(t, 60)).toBe('1 h 0 min');
    expect(duration(t, 1050)).toBe('17 h 30 min');
    expect(duration(t, 9360)).toBe('6 d 12 h');
    expect(duration(t, -5)).toBe('0 min');
  });
  it('in Chinese', () => {
    expect(duration(translator(zhCN.common), 9360)).toBe('6 天 12 小时');
  });
});
