// A refused form names its fields as the form labels them, not by the API's paths (pickPath.pattern).
import { beforeAll, describe, expect, it } from 'vitest';

let api: typeof import('../../src-renderer/lib/api');
beforeAll(async () => {
  // lib/api reads the session's token at load: a stand-in for the browser's sessionStorage
  (globalThis as { sessionStorage?: unknown }).sessionStorage ??= { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  api = await import('../../src-renderer/lib/api');
});

type Issue = import('../../src-main/contract/errors').FieldIssue;
/** A refusal by the contract's checks, as the core answers it: its message is its issues. */
const refused = (issues: Issue[]) => new api.ApiFailure(422, { code: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });

/** The screens' i18n with both languages, set to Chinese (a test may change it: tests share it). */
async function inChinese() {
  const i18n = (await import('../../src-renderer/lib/i18n')).default;
  const { en } = await import('../../src-renderer/lib/locales/en');
  const { zhCN } = await import('../../src-renderer/lib/locales/zh-CN');
  // copies: i18next merges added bundles into the objects it was given, and the locale modules are
  // shared with the other test files of this worker (locales.test.ts reads them)
  await i18n.init({ resources: { en: { translation: structuredClone(en) }, 'zh-CN': { translation: structuredClone(zhCN) } }, lng: 'zh-CN', fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n;
}

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

  it('says a size or type check the core names in the screen\'s language, and keeps the core\'s words for any other', async () => {
    const i18n = await inChinese();
    const e = refused([
      { path: 'weightToleranceG', message: 'Too small: expected number to be >=0', rule: { code: 'too_small', origin: 'number', limit: 0 } },
      { path: 'name', message: 'Too small: expected string to have >=1 characters', rule: { code: 'too_small', origin: 'string', limit: 1 } },
      { path: 'note', message: 'a rule needs at least one action' },
    ]);
    const labels = { weightToleranceG: '重量容差（克）', name: '名称', note: '备注' };
    expect(api.failureText(e, labels)).toBe('重量容差（克）：不能小于 0；名称：必填；备注：a rule needs at least one action');
    await i18n.changeLanguage('en');
    expect(api.failureText(e, { weightToleranceG: 'Weight tolerance (g)', name: 'Name', note: 'Note' })).toBe('Weight tolerance (g): at least 0; Name: required; Note: a rule needs at least one action');
  });

  it('says a format check the core names (an email address, a web address) in the screen\'s language; a format without words of its own as "not in the expected form"', async () => {
    const i18n = await inChinese();
    const e = refused([
      { path: 'smtp.from', message: 'Invalid email address', rule: { code: 'invalid_format', format: 'email' } },
      { path: 'imageUrl', message: 'Invalid URL', rule: { code: 'invalid_format', format: 'url' } },
      { path: 'parcel.sscc', message: 'Invalid string: must match pattern /^\\d{18}$/', rule: { code: 'invalid_format', format: 'regex' } },
    ]);
    expect(api.failureText(e, { 'smtp.from': '发件人', imageUrl: '图片地址', 'parcel.sscc': 'SSCC' }))
      .toBe('发件人：不是有效的邮箱地址（如 name@example.com）；图片地址：不是有效的网址（如 https://…）；SSCC：格式不正确');
    await i18n.changeLanguage('en');
    expect(api.failureText(e, { 'smtp.from': 'From', imageUrl: 'Image', 'parcel.sscc': 'SSCC' }))
      .toBe('From: not a valid email address (name@example.com); Image: not a valid web address (https://…); SSCC: not in the expected form');
  });

  it('says a check of the shop\'s own the core names by its key in the screen\'s language, with its values; a key it has no words for keeps the core\'s', async () => {
    const i18n = await inChinese();
    const e = refused([
      { path: 'actions', message: 'a rule needs at least one action', key: 'ruleNeedsAction' },
      { path: 'url', message: 'the address must start with https:// (got http://oapi.dingtalk.com): ...', key: 'robotUrlClear', params: { got: 'http://oapi.dingtalk.com' } },
      { path: 'secret', message: 'a word from a newer core', key: 'noSuchKey' },
    ]);
    expect(api.failureText(e, { actions: '动作', url: 'Webhook 地址', secret: '签名密钥' })).toBe(
      '动作：规则至少要有一个动作；Webhook 地址：地址必须以 https:// 开头（现在是 http://oapi.dingtalk.com）：消息里有店铺的经营数据，不能明文传输；签名密钥：a word from a newer core');
    await i18n.changeLanguage('en');
    expect(api.failureText(e, { actions: 'Actions', url: 'Webhook URL' })).toBe(
      "Actions: a rule needs at least one action; Webhook URL: the address must start with https:// (got http://oapi.dingtalk.com): messages carry the shop's numbers and must not travel in clear text; secret: a word from a newer core");
  });

  it('says the message of a refusal that says more than its issues (a rule of the core, with a terse note of the field)', () => {
    const conflict = new api.ApiFailure(409, { code: 'conflict', message: 'SKU TEA-01 already exists', issues: [{ path: 'sku', message: 'exists' }] });
    expect(api.failureText(conflict, { sku: 'SKU' })).toBe('SKU TEA-01 already exists');
    const stock = new api.ApiFailure(422, { code: 'validation', message: 'on hand would fall to -3; there are only 2', issues: [{ path: 'onHandDelta', message: 'too large a decrease' }] });
    expect(api.failureText(stock, { onHandDelta: 'Change (+/-)' })).toBe('on hand would fall to -3; there are only 2');
    // a rule whose message is its issue is said by the field's label
    const taken = new api.ApiFailure(409, { code: 'conflict', message: 'code: a warehouse GZ already exists', issues: [{ path: 'code', message: 'a warehouse GZ already exists' }] });
    expect(api.failureText(taken, { code: 'Code' })).toBe('Code: a warehouse GZ already exists');
  });

  it("says a refusal of the core's own rules by its key in the screen's language, with its values; a role or a state in the screens' words", async () => {
    const i18n = await inChinese();
    // the people and orders screens' words for a role and a state (the app loads every feature's locales)
    const people = (await import('../../src-renderer/features/people/locales/zh-CN')).zhCN;
    i18n.addResourceBundle('zh-CN', 'translation', { users: people.users }, true, false);
    const sku = new api.ApiFailure(409, { code: 'conflict', message: 'SKU TEA-01 already exists', key: 'skuExists', params: { sku: 'TEA-01' }, issues: [{ path: 'sku', message: 'exists', key: 'exists' }] });
    const stock = new api.ApiFailure(422, { code: 'validation', message: 'on hand would fall to -3; there are only 2', key: 'onHandWouldFall', params: { onHand: -3, was: 2 }, issues: [{ path: 'onHandDelta', message: 'too large a decrease', key: 'tooLargeDecrease' }] });
    const pin = new api.ApiFailure(422, { code: 'validation', message: "a lead needs a PIN in this shop: set 王芳's PIN first", key: 'roleNeedsPinFirst', params: { role: 'lead', name: '王芳' } });
    const state = new api.ApiFailure(409, { code: 'invalid_transition', message: 'cannot cancel order PL1001: it is shipped; allowed from new, ready', key: 'orderCannot', params: { verb: 'cancel', number: 'PL1001', state: 'shipped', from: 'new, ready' } });
    const taken = new api.ApiFailure(409, { code: 'conflict', message: 'code: a warehouse GZ already exists', issues: [{ path: 'code', message: 'a warehouse GZ already exists', key: 'warehouseExists', params: { code: 'GZ' } }] });
    expect(api.failureText(sku, { sku: 'SKU' })).toBe('SKU TEA-01 已存在');
    expect(api.failureText(stock, { onHandDelta: '数量变化（+/-）' })).toBe('在库会变成 -3；现在只有 2 件');
    expect(api.failureText(pin)).toBe('本店的组长必须设置 PIN 码：请先为 王芳 设置 PIN 码');
    expect(api.failureText(state)).toBe('订单 PL1001 现在是「已发货」，不能这样操作');
    expect(api.failureText(taken, { code: '代码' })).toBe('代码：仓库 GZ 已存在');
    await i18n.changeLanguage('en');
    expect(api.failureText(sku, { sku: 'SKU' })).toBe('SKU TEA-01 already exists');
    expect(api.failureText(stock)).toBe('on hand would fall to -3; there are only 2');
    expect(api.failureText(pin)).toBe("a lead needs a PIN in this shop: set 王芳's PIN first");
    expect(api.failureText(state)).toBe('cannot cancel order PL1001: it is shipped; allowed from new, ready');
    expect(api.failureText(taken, { code: 'Code' })).toBe('Code: a warehouse GZ already exists');
  });

  it('says a thing that does not exist by its noun in the screen\'s language (an order, a carrier account, a user)', async () => {
    const i18n = await inChinese();
    const missing = (what: string, id: string) => new api.ApiFailure(404, { code: 'not_found', message: `${what} ${id} does not exist`, key: 'notFound', params: { what, id } });
    expect(api.failureText(missing('order', 'PL1001'))).toBe('订单 PL1001 不存在');
    expect(api.failureText(missing('carrier account', 'sf (wh_gz)'))).toBe('快递公司账号 sf (wh_gz) 不存在');
    expect(api.failureText(missing('return unit', 'ru_1'))).toBe('退货商品 ru_1 不存在');
    // a noun of a newer core the screen has no words for: the core's sentence, never 'nouns.pallet'
    expect(api.failureText(missing('pallet', 'P-7'))).toBe('pallet P-7 does not exist');
    const proposal = new api.ApiFailure(404, { code: 'not_found', message: 'weight proposal for SKU TEA-01 does not exist', key: 'noWeightProposal', params: { sku: 'TEA-01' } });
    expect(api.failureText(proposal)).toBe('SKU TEA-01 没有重量建议');
    await i18n.changeLanguage('en');
    expect(api.failureText(missing('order', 'PL1001'))).toBe('order PL1001 does not exist');
    expect(api.failureText(missing('carrier account', 'sf (wh_gz)'))).toBe('carrier account sf (wh_gz) does not exist');
    expect(api.failureText(proposal)).toBe('weight proposal for SKU TEA-01 does not exist');
  });

  it("says a waybill range's and a carrier account's field notes by their keys under the form's labels", async () => {
    const i18n = await inChinese();
    const range = refused([{ path: 'last', message: 'has more than 6 digits (the width)', key: 'rangeLastTooWide', params: { width: 6 } }, { path: 'prefix', message: 'S10 prefix is two capital letters (service indicator), e.g. "RR"', key: 's10Prefix' }]);
    const account = refused([{ path: 'key', message: 'the Kuaidi100 key is needed', key: 'kuaidi100KeyNeeded' }]);
    expect(api.failureText(range, { last: '结束序号', prefix: '前缀' })).toBe('结束序号：超过了序号位数（6 位）；前缀：S10 前缀是两个大写字母（业务代码），例如“RR”');
    expect(api.failureText(account, { key: '授权 Key' })).toBe('授权 Key：请填写快递100的授权 Key');
    await i18n.changeLanguage('en');
    expect(api.failureText(range, { last: 'Last serial', prefix: 'Prefix' })).toBe('Last serial: has more than 6 digits (the width); Prefix: S10 prefix is two capital letters (service indicator), e.g. "RR"');
  });

  it("says a value that is none of its choices in the screen's language, with the choices", async () => {
    const i18n = await inChinese();
    const e = refused([{ path: 'source', message: 'Invalid option: expected one of "range"|"kuaidi100"', rule: { code: 'invalid_value', values: ['range', 'kuaidi100'] } }]);
    expect(api.failureText(e, { source: '单号来源' })).toBe('单号来源：不是可选的值（可选：range, kuaidi100）');
    await i18n.changeLanguage('en');
    expect(api.failureText(e, { source: 'Numbers from' })).toBe('Numbers from: not one of the choices (range, kuaidi100)');
  });

  it("says a refused row of a file's report by its key or rule in the screen's language, an unkeyed one by its message", async () => {
    const i18n = await inChinese();
    const cell = { row: 3, column: 'unit_weight_g', message: '"about 3 kg" is not a whole number', key: 'notWholeNumber', params: { value: 'about 3 kg' } };
    const empty = { row: 7, column: 'name', message: 'name: Invalid input: expected string, received undefined', rule: { code: 'invalid_type' as const, expected: 'string' } };
    const old = { row: 4, column: 'sku', message: 'row 4: something an older core said' };
    expect([cell, empty, old].map(api.saidText)).toEqual(['“about 3 kg”不是整数', '缺少或无效', 'row 4: something an older core said']);
    await i18n.changeLanguage('en');
    expect([cell, empty, old].map(api.saidText)).toEqual(['"about 3 kg" is not a whole number', 'missing, or not a valid value', 'row 4: something an older core said']);
  });

  it("says a keyed refusal's message when the screen has no words for its key (a newer core), and an unkeyed one's as before", async () => {
    const i18n = await inChinese();
    expect(api.failureText(new api.ApiFailure(409, { code: 'conflict', message: 'a sentence from a newer core', key: 'noSuchKey', params: { n: 1 } }))).toBe('a sentence from a newer core');
    expect(api.failureText(new api.ApiFailure(409, { code: 'conflict', message: 'the order changed meanwhile' }))).toBe('the order changed meanwhile');
    await i18n.changeLanguage('en');
  });

  it("names a list's entry under a labelled field by its place counted from 1, with the screen's brackets", async () => {
    const i18n = await inChinese();
    const e = refused([
      { path: 'smtp.to.1', message: 'Invalid email address', rule: { code: 'invalid_format', format: 'email' } },
      { path: 'lines.0.sku', message: 'required', rule: { code: 'too_small', origin: 'string', limit: 1 } },
    ]);
    const labels = { 'smtp.to': '收件人（逗号分隔）', lines: '商品行' };
    expect(api.failureText(e, labels)).toBe('收件人（逗号分隔）（第 2 项）：不是有效的邮箱地址（如 name@example.com）；商品行（第 1 项，sku）：必填');
    await i18n.changeLanguage('en');
    expect(api.failureText(e, { 'smtp.to': 'Recipients (comma-separated)', lines: 'Lines' }))
      .toBe('Recipients (comma-separated) (#2): not a valid email address (name@example.com); Lines (#1, sku): required');
  });

  it('says a statement file that is not its format, or lacks a column, in the screen\'s language, the format as the core names it', async () => {
    const i18n = await inChinese();
    const notWechat = new api.ApiFailure(422, { code: 'validation', message: 'this is not a WeChat Pay trade bill (ALL): no header row (it starts with "交易时间")', key: 'statementNoHeader', params: { format: 'WeChat Pay trade bill (ALL)', first: '交易时间' } });
    expect(api.failureText(notWechat)).toBe('这不是 WeChat Pay trade bill (ALL)：找不到表头行（应以“交易时间”开头）');
    const lacks = new api.ApiFailure(422, {
      code: 'validation', message: 'this Alipay 业务明细 lacks the column 服务费（元）', key: 'statementLacksColumn', params: { format: 'Alipay 业务明细', columns: '服务费（元）' },
      issues: [{ path: '服务费（元）', message: 'missing column', key: 'missingColumn' }],
    });
    expect(api.failureText(lacks)).toBe('这份 Alipay 业务明细 缺少列：服务费（元）');
    await i18n.changeLanguage('en');
    expect(api.failureText(notWechat)).toBe('this is not a WeChat Pay trade bill (ALL): no header row (it starts with "交易时间")');
  });

  it('takes the longest label that covers the path', () => {
    expect(api.failureText(refused([{ path: 'sender.name', message: 'required' }]), { sender: 'Sender', 'sender.name': 'Sender name' })).toBe('Sender name: required');
  });
});
