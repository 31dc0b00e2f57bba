// The bench speaks in the screen's language: a Chinese screen takes a Chinese voice (zh-CN first,
// else any zh voice), never the system's default English one; none is chosen when there is none.
import { describe, it, expect } from 'vitest';
import { voiceFor } from '../../src-renderer/lib/feedback';

const voice = (name: string, lang: string) => ({ name, lang });
// what Chrome on Windows lists (English first, the system default)
const windows = [voice('Microsoft David', 'en-US'), voice('Google US English', 'en-US'), voice('Google 粤語（香港）', 'zh-HK'), voice('Microsoft Huihui', 'zh-CN'), voice('Google 國語（臺灣）', 'zh-TW')];

describe('the voice the bench speaks with', () => {
  it('is the zh-CN voice for a Chinese screen, the English one for an English screen', () => {
    expect(voiceFor(windows, 'zh-CN')?.name).toBe('Microsoft Huihui');
    expect(voiceFor(windows, 'en')?.name).toBe('Microsoft David');
  });

  it('is another Chinese voice when there is no zh-CN one (also spelled zh_TW), and none when the system has no Chinese voice', () => {
    expect(voiceFor([voice('English', 'en-GB'), voice('Taiwan', 'zh_TW')], 'zh-CN')?.name).toBe('Taiwan');
    expect(voiceFor([voice('English', 'en-GB'), voice('Zulu', 'zu-ZA')], 'zh-CN')).toBeNull();
    expect(voiceFor([], 'zh-CN')).toBeNull();
  });
});
