// A 1M-order database for the lookup and start-up benchmarks, built once with plain SQL in the
// real schema (migrations included) and kept in bench/.work. Rows as Packline writes them now: the
// order id and both numbers only in orders, a code row per waybill; orders from five channels.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src-main/core/database';
import { badgeHash } from '../src-main/core/modules/people/credentials';
import { workDir } from './lib';

export const MILLION_DIR = join(workDir, 'million-2'); // -2: no code rows for ids and channel numbers
/** The same orders with a different person, phone, city, carrier, state and time each (search, export and backup benches). */
export const PEOPLE_DIR = join(workDir, 'million-people');
export const N_ORDERS = 1_000_000;

export function ensureMillionDb(opts: { people?: boolean } = {}): string {
  const dir = opts.people ? PEOPLE_DIR : MILLION_DIR;
  const file = join(dir, 'packline.db');
  if (existsSync(file)) return dir;
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, 'building.db');
  rmSync(tmp, { force: true });
  const t0 = performance.now();
  const db = openDatabase(tmp);
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO locations (id, code) VALUES ('loc_1', 'A-01-01-1')").run();
    db.prepare("INSERT INTO users (id, name, role, badge_hash, created_at) VALUES ('usr_admin', 'Admin', 'admin', ?, ?)").run(badgeHash('AD-3001'), now);
    const sku = db.prepare('INSERT INTO skus (id, sku, name, unit_weight_g, location_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const bc = db.prepare('INSERT INTO barcodes (code, sku_id, units) VALUES (?, ?, 1)');
    for (let i = 0; i < 1000; i++) {
      sku.run(`sku_${i}`, `M-${i}`, `Item ${i}`, 100 + i, 'loc_1', now, now);
      bc.run(`69${String(i).padStart(11, '0')}`, `sku_${i}`);
    }
  })();
  const order = db.prepare(`INSERT INTO orders (id, number, channel, external_id, state, ship_to, carrier, ship_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const channels = ['taobao', 'jd', 'pdd', 'douyin', 'shopify'];
  const line = db.prepare('INSERT INTO order_lines (id, order_id, sku_id, qty) VALUES (?, ?, ?, 1)');
  const code = db.prepare('INSERT INTO order_codes (code, order_id, kind) VALUES (?, ?, ?)');
  const ev = db.prepare("INSERT INTO events (at, type, entity, entity_id, actor) VALUES (?, 'order.created', 'order', ?, 'system:bench')");
  const shipTo = JSON.stringify({ name: '张三', phone: '13800138000', country: 'CN', city: '深圳市', address1: '科技园路1号2栋301室' });
  const CHUNK = 50_000;
  for (let start = 0; start < N_ORDERS; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < start + CHUNK; i++) {
        const id = millionOrderId(i);
        const number = `PL${String(i + 1).padStart(7, '0')}`;
        const ext = `TB${8800000000 + i * 7}`;
        const p = opts.people ? millionPerson(i) : null;
        order.run(id, number, channels[i % channels.length], ext, p?.state ?? 'shipped', p ? JSON.stringify(p.shipTo) : shipTo, p?.carrier ?? null, p?.shipBy ?? null, p?.createdAt ?? now, now);
        line.run(`oln_${i}a`, id, `sku_${i % 1000}`);
        if (i % 2) line.run(`oln_${i}b`, id, `sku_${(i * 7) % 1000}`);
        code.run(`SF${1400000000000 + i}`, id, 'waybill');
        ev.run(now, id);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  process.stdout.write(`built the 1M-order database in ${Math.round((performance.now() - t0) / 1000)} s\n`);
  return dir;
}

/** Ids that sort like ULIDs by creation (fixed width). */
export const millionOrderId = (i: number) => `ord_${String(i).padStart(26, '0')}`;
export const millionCodes = (i: number) => [millionOrderId(i), `PL${String(i + 1).padStart(7, '0')}`, `TB${8800000000 + i * 7}`, `SF${1400000000000 + i}`];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = ['艳', '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳红', '秀英', '桂英', '志强', '建华', '晓明', '婷婷', '子涵', '浩然', '雨轩', '欣怡', '俊杰'];
/** [province, city]: 40 cities, Hangzhou among them. */
const CITIES: [string, string][] = [
  ['浙江省', '杭州市'], ['浙江省', '宁波市'], ['浙江省', '温州市'], ['广东省', '深圳市'], ['广东省', '广州市'], ['广东省', '东莞市'], ['广东省', '佛山市'], ['江苏省', '南京市'],
  ['江苏省', '苏州市'], ['江苏省', '无锡市'], ['上海市', '上海市'], ['北京市', '北京市'], ['天津市', '天津市'], ['重庆市', '重庆市'], ['四川省', '成都市'], ['湖北省', '武汉市'],
  ['湖南省', '长沙市'], ['河南省', '郑州市'], ['山东省', '济南市'], ['山东省', '青岛市'], ['福建省', '福州市'], ['福建省', '厦门市'], ['陕西省', '西安市'], ['安徽省', '合肥市'],
  ['江西省', '南昌市'], ['河北省', '石家庄市'], ['山西省', '太原市'], ['辽宁省', '沈阳市'], ['辽宁省', '大连市'], ['吉林省', '长春市'], ['黑龙江省', '哈尔滨市'], ['云南省', '昆明市'],
  ['贵州省', '贵阳市'], ['广西壮族自治区', '南宁市'], ['海南省', '海口市'], ['甘肃省', '兰州市'], ['内蒙古自治区', '呼和浩特市'], ['新疆维吾尔自治区', '乌鲁木齐市'], ['宁夏回族自治区', '银川市'], ['青海省', '西宁市'],
];
const CARRIERS = ['sf', 'yto', 'zto', 'sto', 'ems', 'jd'];
const OPEN_STATES = ['ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'on_hold', 'exception'];
/** The first order arrives a year before the last, one every 30 s. */
export const PEOPLE_FIRST_AT = Date.parse('2025-12-01T00:00:00Z');
export const PEOPLE_STEP_MS = 30_000;

/** Order i of the people database: a person from 50 surnames x 24 given names, a phone of their own, one of 40 cities. */
export function millionPerson(i: number) {
  const [province, city] = CITIES[(i * 7) % CITIES.length]!;
  const createdAt = PEOPLE_FIRST_AT + i * PEOPLE_STEP_MS;
  return {
    shipTo: {
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!, phone: millionPhone(i), country: 'CN', province, city,
      district: '中心区', address1: `人民路${(i % 300) + 1}号${(i % 20) + 1}栋${(i % 30) + 101}室`,
    },
    carrier: CARRIERS[i % CARRIERS.length]!,
    // the last 3% are still in the warehouse, and some of them are late
    state: i >= N_ORDERS * 0.97 ? OPEN_STATES[i % OPEN_STATES.length]! : i % 100 === 0 ? 'cancelled' : 'shipped',
    createdAt: new Date(createdAt).toISOString(),
    shipBy: new Date(createdAt + 36 * 3600_000).toISOString(),
  };
}
export const millionPhone = (i: number) => `139${String(i).padStart(8, '0')}`;
