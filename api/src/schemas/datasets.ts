// GET /api/datasets: each dataset's rows, coverage, as-at date and last import.
import { Type, type Static } from 'typebox';
import { MonthValue, Nullable, StringEnum } from './common.js';

export const DatasetsQuery = Type.Object({}, { additionalProperties: false });

export const DatasetInfo = Type.Object({
  name: Type.String({ description: 'The dataset (its file is <name>.csv)' }),
  kind: StringEnum(['reference', 'record']),
  rows: Type.Integer({ description: 'Rows held' }),
  coveredFrom: Nullable({ ...MonthValue, description: 'The first month covered: the month of the earliest event (record datasets)' }),
  coveredTo: Nullable({ ...MonthValue, description: 'The last month covered: the last month ending on or before the as-at date' }),
  asAt: Nullable(Type.String({ format: 'date', description: 'The date the extract was taken (record datasets)' })),
  lastImportedAt: Nullable(Type.String({ format: 'date-time', description: 'ISO 8601, UTC' })),
  lastImportedBy: Nullable(Type.String({ description: 'The user, or cli:<os user> for the command line' })),
});

export const DatasetsResponse = Type.Object({ datasets: Type.Array(DatasetInfo) });

export type DatasetInfo = Static<typeof DatasetInfo>;
export type DatasetsResponse = Static<typeof DatasetsResponse>;
