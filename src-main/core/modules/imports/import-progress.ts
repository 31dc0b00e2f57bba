// How far each import going on in this process is (the screen's progress bar): kept in memory, as
// it changes every slice of orders written; the run's record keeps only its end.
export interface ImportProgress { phase: 'reading' | 'writing'; done: number; total: number }

export const liveImports = new Map<string, ImportProgress>();
