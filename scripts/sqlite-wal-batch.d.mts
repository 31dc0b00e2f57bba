// Types of scripts/sqlite-wal-batch.mjs (plain JavaScript: it runs right after npm ci, before tsx is there).
/** Appended to SQLITE_SOURCE_ID by the patch. */
export declare const MARKER: string;
/** The amalgamation's source with the patch applied. */
export declare function patched(source: string): string;
/** The SQLite that better-sqlite3 loads here carries the patch. */
export declare function builtIsPatched(): boolean;
