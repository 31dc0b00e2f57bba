// One address column into its parts, as Taobao (spaced, postcode in brackets) and JD (no spaces) export it.
import { describe, it, expect } from 'vitest';
import { splitAddress } from '../../../src-main/core/modules/imports/address-split';

describe('splitAddress', () => {
  it('reads a Taobao address: parts by spaces, the postcode in brackets', () => {
    expect(splitAddress('浙江省 杭州市 西湖区 文三路100号(310012)')).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路100号', postcode: '310012' });
    expect(splitAddress('上海 上海市 浦东新区 世纪大道 100号')).toEqual({ province: '上海', city: '上海市', district: '浦东新区', address1: '世纪大道 100号' });
  });

  it('reads a JD address without spaces by the words that end each part', () => {
    expect(splitAddress('广东省深圳市福田区农园路66号')).toEqual({ province: '广东省', city: '深圳市', district: '福田区', address1: '农园路66号' });
    expect(splitAddress('北京市朝阳区建国路88号')).toEqual({ province: '北京市', city: '北京市', district: '朝阳区', address1: '建国路88号' });
    expect(splitAddress('内蒙古自治区巴彦淖尔市临河区胜利路1号')).toMatchObject({ province: '内蒙古自治区', city: '巴彦淖尔市', district: '临河区' });
  });
});
