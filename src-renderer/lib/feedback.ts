// Sound and spoken words for the bench: every result has colour + sound + words (issue 5).
// Distinct sounds: a short high beep for a good scan, a low double buzz for an error, and a
// rising alarm plus speech for a stop that must not be missed (cancelled, held, intercept).
// Each sound and utterance is also announced as a `packline:feedback` window event, so a test in
// a real browser can hear what the operator hears.

let ctx: AudioContext | null = null;
function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    return null;
  }
}

function tone(freq: number, startS: number, durS: number, type: OscillatorType = 'square', gain = 0.08) {
  const a = audio();
  if (!a) return;
  const o = a.createOscillator();
  const g = a.createGain();
  o.type = type;
  o.frequency.value = freq;
  g.gain.value = gain;
  o.connect(g).connect(a.destination);
  const t = a.currentTime + startS;
  o.start(t);
  o.stop(t + durS);
}

export type Sound = 'ok' | 'error' | 'stop' | 'done';

export interface FeedbackDetail {
  sound?: Sound;
  speech?: { text: string; lang: string; voice: string | null };
}

function announce(detail: FeedbackDetail) {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent<FeedbackDetail>('packline:feedback', { detail }));
}

export function play(sound: Sound) {
  announce({ sound });
  if (sound === 'ok') tone(1760, 0, 0.06, 'sine', 0.1);
  else if (sound === 'done') [880, 1320, 1760].forEach((f, i) => tone(f, i * 0.09, 0.08, 'sine', 0.1));
  else if (sound === 'error') [0, 0.22].forEach((t) => tone(196, t, 0.16));
  else [0, 0.3, 0.6].forEach((t) => (tone(440, t, 0.14), tone(880, t + 0.14, 0.14)));
}

/** The voice for a language: the exact one (zh-CN), else any of the language (zh-TW, zh-HK, zh); null when the system has none. */
export function voiceFor<V extends { lang: string }>(voices: readonly V[], lang: string): V | null {
  const want = lang.toLowerCase();
  const base = want.split('-')[0]!;
  const of = (v: V) => v.lang.toLowerCase().replace('_', '-');
  return voices.find((v) => of(v) === want) ?? voices.find((v) => of(v) === base || of(v).startsWith(`${base}-`)) ?? null;
}

/** Speaks in the screen's language with a voice of that language when the system has one; quiet where the browser has no speech. */
export function speak(text: string, lang: string) {
  const s = globalThis.speechSynthesis;
  const voice = s ? voiceFor(s.getVoices(), lang) : null;
  announce({ speech: { text, lang, voice: voice?.name ?? null } });
  if (!s) return;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  // the lang alone picks the system's voice for it; the voice, when there is one, makes sure
  u.lang = lang;
  if (voice) u.voice = voice;
  s.speak(u);
}
