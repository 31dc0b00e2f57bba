// A tiny test label per printer language, for the Devices screen's "print test label".
// (Real labels come from src-main/labels; this only proves the printer path works.)
import type { PrintLanguage } from './transports/printer-sinks';

export function testLabel(language: PrintLanguage, note: string): Uint8Array {
  const text = note.replace(/[\^~"\\]/g, ' ').slice(0, 40);
  switch (language) {
    case 'zpl':
      return Buffer.from(`^XA^CI28^PW812^LL400^FO40,40^A0N,50,50^FDPackline test label^FS^FO40,110^A0N,30,30^FD${text}^FS^BY3^FO40,170^BCN,120,Y,N,N^FDPACKLINE-TEST^FS^XZ`, 'utf8');
    case 'tspl':
      return Buffer.from(`SIZE 100 mm,50 mm\r\nGAP 2 mm,0 mm\r\nCLS\r\nTEXT 40,40,"3",0,1,1,"Packline test label"\r\nTEXT 40,90,"2",0,1,1,"${text}"\r\nBARCODE 40,140,"128",100,1,0,2,2,"PACKLINE-TEST"\r\nPRINT 1,1\r\n`, 'latin1');
    case 'epl':
      return Buffer.from(`\r\nN\r\nq812\r\nA40,40,0,4,1,1,N,"Packline test label"\r\nA40,90,0,3,1,1,N,"${text}"\r\nB40,140,0,1,3,6,100,B,"PACKLINE-TEST"\r\nP1\r\n`, 'latin1');
    case 'pdf':
      return minimalPdf(`Packline test page - ${text}`);
    case 'raw':
      return Buffer.from(`Packline test - ${text}\r\n`, 'latin1');
  }
}

/** A one-page PDF with one line of text, built by hand so the device layer needs no PDF library. */
function minimalPdf(line: string): Uint8Array {
  const esc = line.replace(/[()\\]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${esc}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
