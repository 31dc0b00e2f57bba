// Telling a CSV's encoding on the smallest files: nothing, one byte, a byte-order mark and nothing
// else. No byte may be dropped (a one-byte file was once read as empty UTF-16); a file that cannot
// be what its byte-order mark says is refused by name.
import { describe, it, expect } from 'vitest';
import { decodeCsv } from '../../src-main/lib/csv-encoding';
import { AppError } from '../../src-main/lib/errors';

const decode = (bytes: number[]) => decodeCsv(Buffer.from(bytes));

describe('decodeCsv on tiny files', () => {
  it('an empty file is empty text (UTF-8): the importer says it is empty', () => {
    expect(decode([])).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('a one-byte file keeps its byte: "A" is the text "A", not an empty UTF-16 file', () => {
    expect(decode([0x41])).toEqual({ text: 'A', encoding: 'utf-8' });
    expect(decode([0x0a])).toEqual({ text: '\n', encoding: 'utf-8' });
    expect(decode([0x00])).toEqual({ text: '\0', encoding: 'utf-8' });
    expect(decode([0xff]).text).toHaveLength(1); // not UTF-8: read as GBK, one (replacement) character
  });

  it('a byte-order mark and nothing else is empty text in the encoding the mark names', () => {
    expect(decode([0xef, 0xbb, 0xbf])).toEqual({ text: '', encoding: 'utf-8' });
    expect(decode([0xff, 0xfe])).toEqual({ text: '', encoding: 'utf-16le' });
    expect(decode([0xfe, 0xff])).toEqual({ text: '', encoding: 'utf-16be' });
  });

  it('UTF-16 with an odd number of bytes is refused by name: its last byte would be dropped', () => {
    let err: unknown;
    try {
      decode([0xff, 0xfe, 0x41]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('validation');
    expect((err as AppError).message).toMatch(/UTF-16.*odd number of bytes \(3\)/);
  });
});
