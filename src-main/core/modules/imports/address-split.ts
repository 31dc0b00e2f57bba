// One address column into its parts. Taobao exports "浙江省 杭州市 西湖区 文三路100号(310000)" (parts
// split by spaces, the postcode in brackets at the end); JD exports "广东深圳市福田区农园路66号" (no
// spaces). Either way the parts are found by the words that end them (省/市/区/县...).

export interface AddressParts { province?: string; city?: string; district?: string; address1?: string; postcode?: string }

const MUNICIPALITY = /^(北京|上海|天津|重庆)(市)?/;
const PROVINCE = /^(.{2,8}?(?:省|自治区|特别行政区))/;
const CITY = /^(.{1,12}?(?:自治州|地区|盟|市))/;
const DISTRICT = /^(.{1,12}?(?:区|县|旗|市))/;

export function splitAddress(whole: string): AddressParts {
  let rest = whole.trim();
  const out: AddressParts = {};
  const post = /[(（]\s*(\d{6})\s*[)）]\s*$/.exec(rest);
  if (post) {
    out.postcode = post[1];
    rest = rest.slice(0, post.index).trim();
  }
  const take = (re: RegExp): string | undefined => {
    const m = re.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length).trim();
    return m[0].trim();
  };
  const tokens = rest.split(/\s+/);
  if (tokens.length >= 3) {
    // Spaced: the first parts are province, city and district as the platform wrote them.
    out.province = tokens[0];
    out.city = tokens[1];
    const districtLike = /(?:区|县|旗|市)$/.test(tokens[2]!);
    out.district = districtLike && tokens.length > 3 ? tokens[2] : undefined;
    out.address1 = tokens.slice(out.district ? 3 : 2).join(' ');
    return out;
  }
  const municipality = MUNICIPALITY.exec(rest);
  if (municipality) {
    rest = rest.slice(municipality[0].length);
    out.province = `${municipality[1]}市`;
    out.city = out.province;
    if (rest.startsWith(out.city)) rest = rest.slice(out.city.length);
  } else {
    out.province = take(PROVINCE);
    out.city = take(CITY);
  }
  out.district = take(DISTRICT);
  out.address1 = rest || undefined;
  return out;
}
