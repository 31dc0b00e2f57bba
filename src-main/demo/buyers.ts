// The demo's simulated stores' buyers.

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶';
const GIVEN = ['晓东', '佳怡', '磊', '敏', '昊', '婷', '凯', '悦', '静', '强', '丽娟', '伟', '芳', '洋', '秀英', '俊杰', '欣怡', '浩然', '雪', '鹏', '子涵', '宇航', '思远', '梦瑶', '建国', '雅琴', '志强', '海燕', '文博', '诗涵'];
const PLACES: readonly { province: string; city: string; district: string; street: string }[] = [
  { province: '广东省', city: '广州市', district: '天河区', street: '体育西路' },
  { province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路' },
  { province: '四川省', city: '成都市', district: '武侯区', street: '人民南路四段' },
  { province: '江苏省', city: '南京市', district: '鼓楼区', street: '中山北路' },
  { province: '湖北省', city: '武汉市', district: '洪山区', street: '珞喻路' },
  { province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道' },
  { province: '重庆市', city: '重庆市', district: '渝中区', street: '解放碑步行街' },
  { province: '北京市', city: '北京市', district: '海淀区', street: '中关村大街' },
];

/** How many different buyers the stores take turns with: at the demo's ~200 orders an hour, a buyer's fourth order of a day comes after about a day. */
export const DEMO_BUYER_COUNT = SURNAMES.length * GIVEN.length;

/**
 * The simulated stores' n-th buyer: a name, a mobile number and an address of their own, the same
 * for the same n. A handful of buyers in turn tripped the demo's "more than 3 orders a day" rule
 * within minutes, and every order the stores sent was held as fraud.
 */
export function demoBuyer(n: number): { name: string; phone: string; province: string; city: string; district: string; street: string } {
  const i = ((n % DEMO_BUYER_COUNT) + DEMO_BUYER_COUNT) % DEMO_BUYER_COUNT;
  const place = PLACES[i % PLACES.length]!;
  // 7,919 is prime to 10^8: the buyers' numbers differ from one another.
  const phone = `13${String(10_000_000 + ((i * 7_919) % 90_000_000)).padStart(9, '0')}`;
  return { name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`, phone, ...place, street: `${place.street}${(i % 300) + 1}号` };
}
