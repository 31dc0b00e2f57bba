// The demo's simulated stores' buyers.
/**
 * The buyers the simulated stores take turns with: one repeated buyer would trip the demo's "more than
 * 3 orders a day" rule and hold every order the stores send.
 */
export const DEMO_BUYERS: readonly { name: string; phone: string; province: string; city: string; district: string; street: string }[] = [
  { name: '陈晓东', phone: '13911112201', province: '广东省', city: '广州市', district: '天河区', street: '体育西路103号' },
  { name: '林佳怡', phone: '13711112202', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路478号' },
  { name: '赵磊', phone: '13611112203', province: '四川省', city: '成都市', district: '武侯区', street: '人民南路四段12号' },
  { name: '周敏', phone: '13511112204', province: '江苏省', city: '南京市', district: '鼓楼区', street: '中山北路30号' },
  { name: '吴昊', phone: '13811112205', province: '湖北省', city: '武汉市', district: '洪山区', street: '珞喻路1037号' },
  { name: '郑婷', phone: '13311112206', province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道100号' },
  { name: '黄凯', phone: '15011112207', province: '重庆市', city: '重庆市', district: '渝中区', street: '解放碑步行街8号' },
  { name: '孙悦', phone: '15811112208', province: '北京市', city: '北京市', district: '海淀区', street: '中关村大街27号' },
];
