import { z } from 'zod';
import { line, trimmed } from './common';
import { OrderInput } from './orders';
import { BinaryFile, IdParam, MANAGE, type RouteDef } from './routing';
import { said } from './field-messages';
import { RowWords } from './errors';

// Imports: CSV and Excel (.xlsx) files with saved column mappings, run in the background with
// progress, and a report of every refused row by row and column.

/**
 * A column mapping a shop saves once per export format: our field -> their column header.
 * `fullAddress` is one column holding the whole address ("浙江省 杭州市 西湖区 文三路100号(310000)"),
 * as Taobao and JD export it: it is split into province, city, district, address1 and postcode.
 */
export const CSV_FIELDS = ['externalId', 'sku', 'channelSku', 'qty', 'unitPrice', 'lineName', 'name', 'phone', 'country', 'province', 'city', 'district', 'address1', 'address2', 'postcode', 'fullAddress', 'carrier', 'service', 'shipBy', 'note', 'total', 'currency', 'paymentRef'] as const;

export const CsvField = z.enum(CSV_FIELDS);
export type CsvField = z.infer<typeof CsvField>;

export const CsvMappingInput = z.object({
  name: trimmed(100),
  channel: OrderInput.shape.channel,
  columns: z.partialRecord(CsvField, trimmed(200)).refine((c) => c.externalId && (c.sku || c.channelSku) && c.qty, said('importColumns')),
  defaults: z.object({ country: line(2).optional(), currency: line(3).optional(), carrier: line(32).optional() }).default({}),
});
export type CsvMappingInput = z.infer<typeof CsvMappingInput>;

export const CsvMapping = CsvMappingInput.extend({ id: z.string(), createdAt: z.string() });
export type CsvMapping = z.infer<typeof CsvMapping>;

export const ImportReport = z.object({
  encoding: z.string(),
  rows: z.number().int(),
  orders: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  // `message` says the row and column before what was wrong; the words of `key` or `rule` say only what was wrong
  errors: z.array(RowWords.extend({
    row: z.number().int(), externalId: z.string().nullable(), code: z.string(), message: z.string(),
    column: z.string().nullable().optional().describe("the file's column header that was wrong, when one was"),
  })),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * Mappings of the order exports of the marketplaces Chinese shops sell on, by their real column
 * headers (a shop picks one, checks it against its file's preview and saves it).
 * Taobao/Tmall: 卖家中心 订单报表 with its 宝贝 columns (收货地址 is one column "省 市 区 详细地址(邮编)");
 * JD: the POP 订单导出 (货号 is the shop's own item code); Pinduoduo: 商家后台 订单查询 导出;
 * Douyin: 抖店 订单管理 导出 (one row per 子订单); Shopify: Orders > Export (one row per line item).
 */
export const IMPORT_PRESETS: readonly (Omit<CsvMappingInput, 'defaults'> & { defaults: CsvMappingInput['defaults'] })[] = [
  {
    name: 'Taobao/Tmall 订单报表', channel: 'taobao',
    columns: { externalId: '订单编号', sku: '商家编码', qty: '宝贝总数量', lineName: '宝贝标题', name: '收货人姓名', phone: '联系手机', fullAddress: '收货地址', total: '买家实际支付金额', note: '买家留言' },
    defaults: { country: 'CN', currency: 'CNY' },
  },
  {
    name: 'JD 京东订单导出', channel: 'jd',
    columns: { externalId: '订单号', sku: '货号', qty: '订购数量', lineName: '商品名称', name: '客户姓名', phone: '联系电话', fullAddress: '客户地址', total: '应付金额', note: '订单备注' },
    defaults: { country: 'CN', currency: 'CNY' },
  },
  {
    name: 'Pinduoduo 拼多多订单导出', channel: 'pinduoduo',
    columns: { externalId: '订单号', sku: '商家编码-SKU维度', qty: '商品数量(件)', lineName: '商品', name: '收货人', phone: '手机', province: '省', city: '市', district: '区', address1: '街道', total: '用户实付金额(元)', note: '买家留言' },
    defaults: { country: 'CN', currency: 'CNY' },
  },
  {
    name: 'Douyin 抖店订单导出', channel: 'douyin',
    columns: { externalId: '主订单编号', sku: '商家编码', qty: '商品数量', lineName: '选购商品', name: '收件人', phone: '收件人手机号', province: '省', city: '市', district: '区', address1: '详细地址', total: '订单应付金额', note: '买家留言' },
    defaults: { country: 'CN', currency: 'CNY' },
  },
  {
    name: 'Shopify orders export', channel: 'shopify',
    columns: {
      externalId: 'Name', sku: 'Lineitem sku', qty: 'Lineitem quantity', lineName: 'Lineitem name', unitPrice: 'Lineitem price', name: 'Shipping Name', phone: 'Shipping Phone',
      address1: 'Shipping Address1', address2: 'Shipping Address2', city: 'Shipping City', province: 'Shipping Province', postcode: 'Shipping Zip', country: 'Shipping Country', total: 'Total', currency: 'Currency', note: 'Notes',
    },
    defaults: {},
  },
];

/** An import run: started from the screen (or the API), read in the background, polled for its progress. */
export const ImportRun = z.object({
  id: z.string(),
  filename: z.string(),
  mapping: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['reading', 'writing', 'done']),
  /** orders written so far, of `total` readable orders (known once the file is read) */
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  actor: z.string(),
  actorName: z.string().nullable(),
  report: ImportReport.nullable(),
  /** why the whole file was refused (state failed) */
  error: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;

const SheetQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const importsRoutes = {
  listCsvMappings: { method: 'GET', path: '/api/csv-mappings', summary: 'Saved CSV column mappings', roles: MANAGE, response: z.object({ items: z.array(CsvMapping) }), tag: 'import' },
  createCsvMapping: { method: 'POST', path: '/api/csv-mappings', summary: 'Save a CSV column mapping once per export format', roles: MANAGE, body: CsvMappingInput, response: CsvMapping, tag: 'import' },
  previewCsv: {
    method: 'POST', path: '/api/imports/csv/preview', summary: 'Detect encoding and headers of a CSV (UTF-8, UTF-16 or GBK) or Excel (.xlsx) file before mapping it', roles: MANAGE, body: z.string(), bodyKind: 'text',
    response: z.object({ encoding: z.string(), headers: z.array(z.string()), sample: z.array(z.array(z.string())), rows: z.number().int(),
      complete: z.boolean().describe('false: the file is longer than the preview reads (its first 1 MiB); rows counts the rows in that part') }), tag: 'import',
  },
  importCsv: {
    method: 'POST', path: '/api/imports/csv', summary: 'Import orders from a CSV file with a saved mapping; rows of one order are grouped by externalId', roles: MANAGE,
    query: z.object({ mapping: z.string().min(1).max(100) }), body: z.string(), bodyKind: 'text', response: ImportReport, tag: 'import',
  },
  importPresets: { method: 'GET', path: '/api/imports/presets', summary: 'Column mappings of the marketplaces\' order exports (Taobao/Tmall, JD, Pinduoduo, Douyin, Shopify), to save as a mapping', roles: MANAGE, response: z.object({ items: z.array(CsvMappingInput) }), tag: 'import' },
  startImport: {
    method: 'POST', path: '/api/imports', summary: 'Start importing a CSV or Excel (.xlsx) file with a saved mapping; answers at once with the run, poll GET /api/imports/:id for its progress and report', roles: MANAGE,
    query: z.object({ mapping: z.string().min(1).max(100), filename: line(200).default('') }), body: z.string(), bodyKind: 'text', response: ImportRun, tag: 'import',
  },
  listImports: { method: 'GET', path: '/api/imports', summary: 'Recent import runs, newest first', roles: MANAGE, response: z.object({ items: z.array(ImportRun) }), tag: 'import' },
  getImport: { method: 'GET', path: '/api/imports/:id', summary: 'One import run: its progress, then its report', roles: MANAGE, params: IdParam, response: ImportRun, tag: 'import' },
  importReportFile: {
    method: 'GET', path: '/api/imports/:id/report', summary: "An import run's report as a file: every refused row with its row, order and what was wrong (CSV or .xlsx)", roles: MANAGE,
    params: IdParam, query: SheetQuery, response: BinaryFile, responseKind: 'binary', produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], tag: 'import',
  },
} as const satisfies Record<string, RouteDef>;
