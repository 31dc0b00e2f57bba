// The csv_mappings table: saved column mappings of shops' CSV exports (the mapping as JSON text).
import { prep, type Db } from '../../store/db';

export interface CsvMappingRow { id: string; name: string; channel: string; mapping: string; created_at: string }

export function csvMappingNameTaken(db: Db, name: string): boolean {
  return !!prep(db, 'SELECT 1 FROM csv_mappings WHERE name = ?').get(name);
}

export function insertCsvMapping(db: Db, m: { id: string; name: string; channel: string; mappingJson: string; createdAt: string }): void {
  prep(db, 'INSERT INTO csv_mappings (id, name, channel, mapping, created_at) VALUES (?, ?, ?, ?, ?)').run(m.id, m.name, m.channel, m.mappingJson, m.createdAt);
}

export function selectCsvMappings(db: Db): CsvMappingRow[] {
  return prep(db, 'SELECT * FROM csv_mappings ORDER BY name').all() as CsvMappingRow[];
}
