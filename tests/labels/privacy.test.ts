// GB/T 41833-2022 masking as labels print it: a name character, six phone digits, the room number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddressLine, maskName, maskPhone } from '../../src-main/contract/privacy';

describe('privacy masking', () => {
  it('phones: the LABELS.md example, formats kept, country codes not counted', () => {
    expect(maskPhone('13812345678')).toBe('138******78');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 138 **** **78');
    expect(maskPhone('0571-88886666')).toBe('057*-******66');
    expect(maskPhone('+1 415 555 0134')).toBe('+1 41* *** **34');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('phones: at least six digits are always hidden', () => {
    fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (p) => {
      const m = maskPhone(p);
      expect(m.split('*').length - 1).toBeGreaterThanOrEqual(6);
      expect(m).not.toContain(p.slice(3, 9));
    }));
  });

  it('names: at least one character hidden', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('Jane Doe')).toBe('J*** Doe');
  });

  it('addresses: the room number is hidden however it is written, street numbers stay', () => {
    expect(maskAddressLine('3号楼2单元501室')).toBe('3号楼2单元***室');
    expect(maskAddressLine('阳光花园B座1203')).toBe('阳光花园B座****');
    expect(maskAddressLine('中山路100号2号楼1102')).toBe('中山路100号2号楼****');
    expect(maskAddressLine('幸福小区12-3-501')).toBe('幸福小区12-3-***');
    expect(maskAddressLine('Apt 4B, 500 Howard St')).toBe('Apt **, 500 Howard St');
    expect(maskAddressLine('#12-05 Blk 123')).toBe('#***** Blk 123');
    expect(maskAddressLine('文三路478号华星时代广场')).toBe('文三路478号华星时代广场');
    expect(maskAddressLine('中山北路100号')).toBe('中山北路100号');
  });
});
