// The tables of imports: csv_mappings (saved column mappings of shops' exports, the mapping as JSON
// text) and import_runs (files imported from the screen, with their reports as JSON text).
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

export interface ImportRunRow {
  id: string; filename: string; mapping: string; state: 'running' | 'done' | 'failed'; total: number; done: number;
  started_at: string; finished_at: string | null; actor: string; report: string | null; error: string | null;
}

export function insertImportRun(db: Db, r: { id: string; filename: string; mapping: string; startedAt: string; actor: string }): void {
  prep(db, "INSERT INTO import_runs (id, filename, mapping, state, started_at, actor) VALUES (?, ?, ?, 'running', ?, ?)").run(r.id, r.filename, r.mapping, r.startedAt, r.actor);
}

export function finishImportRun(db: Db, r: { id: string; state: 'done' | 'failed'; total: number; done: number; finishedAt: string; reportJson: string | null; error: string | null }): void {
  prep(db, 'UPDATE import_runs SET state = ?, total = ?, done = ?, finished_at = ?, report = ?, error = ? WHERE id = ?')
    .run(r.state, r.total, r.done, r.finishedAt, r.reportJson, r.error, r.id);
}

export function selectImportRun(db: Db, id: string): ImportRunRow | undefined {
  return prep(db, 'SELECT * FROM import_runs WHERE id = ?').get(id) as ImportRunRow | undefined;
}

export function selectRecentImportRuns(db: Db, limit: number): ImportRunRow[] {
  return prep(db, 'SELECT * FROM import_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as ImportRunRow[];
}
