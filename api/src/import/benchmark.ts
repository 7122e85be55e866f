// What `npm run bench` needs of the importer to time its baselines (a raw COPY of a file, and the floor of
// any import that keeps the table's rules and indexes) exactly as the import reads the same file.
import type { Transform } from 'node:stream';
import { CsvScanner, readHeader } from './csv.js';
import { DATASETS, type Dataset } from './datasets.js';
import * as build from './sql.js';
import { monthFieldIndexes } from './stream-check.js';

export type { Dataset } from './datasets.js';

export const importBenchmark = {
  datasets: DATASETS,

  /** The file's columns, from its header. */
  async fileColumns(file: string): Promise<string[]> {
    const header = await readHeader(file);
    if (!header.ok) throw new Error(`${file}: ${header.rule}`);
    return header.columns;
  },

  /** COPY of the file's columns into `table`, with the import's options. */
  copyInto: build.copyInto,

  /** The table's keys and indexes ($1: the table), as the import drops and rebuilds them. */
  keysAndIndexes: build.keysAndIndexes,

  /** The stream the import writes months through (YYYY-MM as the month's first day), or null when the file has none. */
  monthRewriter(dataset: Dataset, columns: readonly string[]): Transform | null {
    const months = monthFieldIndexes(dataset, columns);
    return months.length > 0 ? new CsvScanner({ width: columns.length, appendToFields: months }) : null;
  },
};
