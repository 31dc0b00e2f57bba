// Alipay gives its statements as a zip: 业务明细 (the rows) and 业务明细(汇总) (totals), as GBK CSV,
// with GBK file names. Node has no zip reader; jszip (already under exceljs) reads it.
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';

/** A zip that is not an Excel workbook (which is a zip too, with [Content_Types].xml inside). */
export async function openZip(bytes: Buffer): Promise<JSZip | null> {
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) return null;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { decodeFileName: (name) => iconv.decode(Buffer.from(name as Uint8Array), 'gbk') });
  } catch (e) {
    return fail('validation', said('zipUnreadable', { reason: (e as Error).message }));
  }
  return zip.file('[Content_Types].xml') ? null : zip;
}

/** The 业务明细 CSV inside Alipay's zip (not its 汇总, the totals). */
export async function alipayDetailCsv(zip: JSZip): Promise<{ name: string; bytes: Buffer }> {
  const csvs = zip.file(/\.csv$/i).filter((f) => !f.dir);
  const detail = csvs.find((f) => f.name.includes('业务明细') && !f.name.includes('汇总')) ?? csvs.find((f) => !f.name.includes('汇总'));
  if (!detail) fail('validation', said('zipNoDetail', { files: Object.keys(zip.files).join(', ') || 'nothing' }));
  return { name: detail!.name, bytes: Buffer.from(await detail!.async('uint8array')) };
}
