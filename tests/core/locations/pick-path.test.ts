// The walking path on a realistic layout: 2 zones, 6 aisles of 20 bays, 4 levels; a serpentine
// through the aisles, custom sequences that override it, other bin code patterns, distances.
import { describe, it, expect } from 'vitest';
import { buildPath, binParser, byWalkingOrder, walkingDistance, type LocationRow, type PathPoint } from '../../../src-main/core/modules/locations/pick-path';
import { DEFAULT_PICK_PATH } from '../../../src-main/contract/locations';
import { Settings, DEFAULT_SETTINGS } from '../../../src-main/contract/settings';
import { AppError } from '../../../src-main/lib/errors';

const pad = (n: number) => String(n).padStart(2, '0');
function layout(): LocationRow[] {
  const rows: LocationRow[] = [];
  let n = 0;
  for (const zone of ['B', 'A']) // created out of order on purpose
    for (let aisle = 1; aisle <= 6; aisle++)
      for (let bay = 1; bay <= 20; bay++)
        for (let level = 1; level <= 4; level++) rows.push({ id: `loc_${++n}`, code: `${zone}-${pad(aisle)}-${pad(bay)}-${level}`, zone: null, aisle: null, bay: null, level: null, sequence: null });
  return rows;
}
const ordered = (path: Map<string, PathPoint>, codes: string[]) =>
  codes.map((c) => [...path.values()].find((p) => p.code === c)!).sort(byWalkingOrder).map((p) => p.code);

describe('walking path', () => {
  const rows = layout();
  const path = buildPath(rows, DEFAULT_PICK_PATH);

  it('walks zone A before B, up odd aisles and down even ones, levels upwards within a bay', () => {
    const picks = ['B-01-03-1', 'A-02-18-2', 'A-01-15-1', 'A-02-04-1', 'A-01-02-3', 'A-01-02-1', 'A-03-01-4', 'A-03-19-1', 'A-06-01-1', 'A-05-20-1'];
    expect(ordered(path, picks)).toEqual([
      'A-01-02-1', 'A-01-02-3', 'A-01-15-1', // aisle 1 up
      'A-02-18-2', 'A-02-04-1', // aisle 2 down
      'A-03-01-4', 'A-03-19-1', // aisle 3 up
      'A-05-20-1', // aisle 5 up
      'A-06-01-1', // aisle 6 down, ends at the front
      'B-01-03-1',
    ]);
  });

  it('numbers every bin by its place on the path (x 10), with no gaps or repeats', () => {
    const seqs = [...path.values()].map((p) => p.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(rows.map((_r, i) => (i + 1) * 10));
    expect([...path.values()].find((p) => p.code === 'A-01-01-1')!.seq).toBe(10);
  });

  it('lets a custom sequence override the path: 25 walks a bin between the 2nd and 3rd stop', () => {
    const custom = rows.map((r) => (r.code === 'B-06-20-4' ? { ...r, sequence: 25 } : r));
    const p = buildPath(custom, DEFAULT_PICK_PATH);
    expect(ordered(p, ['A-01-01-3', 'A-01-01-2', 'A-01-01-1', 'B-06-20-4'])).toEqual(['A-01-01-1', 'A-01-01-2', 'B-06-20-4', 'A-01-01-3']);
    expect([...p.values()].find((x) => x.code === 'B-06-20-4')).toMatchObject({ seq: 25, custom: true });
  });

  it('reads other bin code patterns, and puts codes it cannot read at the end in code order', () => {
    const pattern = '^WH1/(?<aisle>[A-Z])(?<bay>\\d{2})/L(?<level>\\d)$';
    const locs: LocationRow[] = ['WH1/B03/L1', 'WH1/A10/L2', 'WH1/A02/L1', 'WH1/B11/L1', 'DOCK-2', 'DOCK-1'].map((code, i) => ({ id: `l${i}`, code, zone: null, aisle: null, bay: null, level: null, sequence: null }));
    const p = buildPath(locs, { ...DEFAULT_PICK_PATH, pattern });
    expect([...p.values()].sort(byWalkingOrder).map((x) => x.code)).toEqual(['WH1/A02/L1', 'WH1/A10/L2', 'WH1/B11/L1', 'WH1/B03/L1', 'DOCK-1', 'DOCK-2']);
    expect(binParser(pattern)('WH1/A10/L2')).toEqual({ zone: null, aisle: 'A', bay: '10', level: '2' });
    expect(binParser(pattern)('A-01-01')).toBeNull();
  });

  it('uses the stored zone/aisle/bay of a location whose code the pattern does not read', () => {
    const locs: LocationRow[] = [
      { id: 'x', code: 'MEZZ-7', zone: 'A', aisle: '02', bay: '05', level: null, sequence: null },
      { id: 'y', code: 'A-01-09-1', zone: null, aisle: null, bay: null, level: null, sequence: null },
      { id: 'z', code: 'A-02-01-1', zone: null, aisle: null, bay: null, level: null, sequence: null },
    ];
    expect([...buildPath(locs, DEFAULT_PICK_PATH).values()].sort(byWalkingOrder).map((p) => p.code)).toEqual(['A-01-09-1', 'MEZZ-7', 'A-02-01-1']);
  });

  it('estimates a shorter walk for the serpentine than for bins in plain code order', () => {
    const picks = ['A-01-19-1', 'A-02-18-1', 'A-03-17-1', 'A-04-19-1', 'A-01-02-1', 'A-02-03-1', 'A-03-02-1', 'A-04-04-1'];
    const points = picks.map((c) => [...path.values()].find((p) => p.code === c)!);
    const serpentine = walkingDistance([...points].sort(byWalkingOrder), DEFAULT_PICK_PATH);
    const byCode = walkingDistance([...points].sort((a, b) => a.code.localeCompare(b.code)), DEFAULT_PICK_PATH);
    expect(serpentine).toBeLessThan(byCode);
    // Up aisle 1 to bay 19, along the back, down aisle 2, ... : 4 aisles deep and back to the depot.
    expect(serpentine).toBeGreaterThan(4 * 19 * DEFAULT_PICK_PATH.bayWidthM);
    expect(walkingDistance([], DEFAULT_PICK_PATH)).toBe(0);
  });

  it('refuses a pattern that is not a regular expression or has no aisle or bay group, naming the setting', () => {
    expect(() => binParser('([')).toThrow(AppError);
    const bad = Settings.safeParse({ ...DEFAULT_SETTINGS, pickPath: { ...DEFAULT_PICK_PATH, pattern: '^(?<zone>\\w+)$' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path.join('.')).toBe('pickPath.pattern');
  });
});
