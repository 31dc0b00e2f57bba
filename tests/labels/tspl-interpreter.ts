// A minimal TSPL interpreter for tests (no TSPL renderer exists on npm): SIZE, BAR, BITMAP, REVERSE,
// ERASE into a bitmap, so TSPL output can be decoded like the others. Resident TEXT is not drawn.
import { Bitmap } from '../../src-main/labels/raster';

export function tsplToPng(bytes: Buffer, dpmm: number): Buffer {
  let pos = 0;
  let bmp: Bitmap | undefined;
  const readLine = () => {
    const end = bytes.indexOf('\r\n', pos, 'latin1');
    const line = bytes.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return line;
  };
  while (pos < bytes.length) {
    const start = pos;
    const head = bytes.subarray(pos, Math.min(bytes.length, pos + 64)).toString('latin1');
    if (head.startsWith('BITMAP ')) {
      const m = /^BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),/.exec(head)!;
      const [x, y, wb, h] = [1, 2, 3, 4].map((i) => Number(m[i]));
      const data = bytes.subarray(start + m[0].length, start + m[0].length + wb! * h!);
      for (let r = 0; r < h!; r++) for (let c = 0; c < wb! * 8; c++) {
        const black = ((data[r * wb! + (c >> 3)]! >> (7 - (c & 7))) & 1) === 0; // TSPL: 0 prints
        bmp!.fillRect(x! + c, y! + r, x! + c + 1, y! + r + 1, !black);
      }
      pos = start + m[0].length + wb! * h! + 2;
      continue;
    }
    const line = readLine();
    const [cmd, rest = ''] = [line.split(' ')[0], line.slice(line.indexOf(' ') + 1)];
    const n = rest.split(',').map((s) => parseFloat(s));
    if (cmd === 'SIZE') bmp = new Bitmap(Math.round(n[0]! * dpmm), Math.round(n[1]! * dpmm));
    else if (cmd === 'BAR') bmp!.fillRect(n[0]!, n[1]!, n[0]! + n[2]!, n[1]! + n[3]!);
    else if (cmd === 'ERASE') bmp!.fillRect(n[0]!, n[1]!, n[0]! + n[2]!, n[1]! + n[3]!, true);
    else if (cmd === 'REVERSE') {
      for (let y = n[1]!; y < n[1]! + n[3]!; y++) for (let x = n[0]!; x < n[0]! + n[2]!; x++) {
        const i = y * bmp!.width + x;
        if (x < bmp!.width && y < bmp!.height) bmp!.ink[i] = 255 - bmp!.ink[i]!;
      }
    }
  }
  return bmp!.toPng(dpmm);
}
