// The publication routes (reporting.md, "Routes"): publishing a month, the list of versions, one version,
// revisions since publication, withdrawal and the stored board packs. The release itself is publications.ts.
import { Type, type Static } from 'typebox';
import { CommentaryState, Person } from './commentary.js';
import { GeographyQuery, Month, MonthValue, Nullable, StringEnum } from './common.js';
import { PublicationSummary, Release } from './publications.js';

const Note = Type.String({ minLength: 1, maxLength: 2000 });
const Version = Type.Integer({ minimum: 1, description: 'A version of the month (1, 2, …)' });

export const PublishRequest = Type.Object({
  month: Month('The data month to publish (YYYY-MM)'),
  note: Type.String({ maxLength: 2000, description: 'Why (required from version 2 on, and with acceptIncompleteData)' }),
  acceptIncompleteData: Type.Optional(Type.Boolean({
    description: 'Publish although a dataset does not cover the month; the release records which (a note is required)',
  })),
}, { additionalProperties: false });

export const PublishResponse = Type.Object({
  month: MonthValue,
  version: Version,
  publishedAt: Type.String({ format: 'date-time' }),
});

export const MissingSignOff = Type.Object({
  indicatorCode: Nullable(Type.String({ description: 'null: the executive summary' })),
  geographyCode: Type.String(),
  state: CommentaryState,
});

export const IncompleteDataset = Type.Object({
  name: Type.String(),
  coveredTo: Nullable(MonthValue),
  asAt: Nullable(Type.String({ format: 'date' })),
});

export const NotReadyResponse = Type.Object({
  error: StringEnum(['not_ready']),
  message: Type.String(),
  missing: Type.Array(MissingSignOff, { description: 'Required commentary and the executive summary not yet approved' }),
  datasets: Type.Array(IncompleteDataset, { description: 'Record datasets whose coverage does not reach the month' }),
}, { description: 'The month cannot be published yet: what blocks it' });

export const PublicationBlockersResponse = Type.Object({
  month: MonthValue,
  published: Nullable(Version),
  missing: Type.Array(MissingSignOff),
  datasets: Type.Array(IncompleteDataset),
});

export const Withdrawal = Type.Object({
  withdrawnAt: Type.String({ format: 'date-time' }),
  withdrawnBy: Person,
  reason: Type.String(),
});

/** A version as the list shows it. */
export const PublicationListItem = Type.Object({
  ...PublicationSummary.properties,
  current: Type.Boolean({ description: 'The latest version not withdrawn: what readers of the month see' }),
  withdrawal: Nullable(Withdrawal),
  incompleteDatasets: Type.Array(Type.String(), { description: 'Datasets that did not cover the month when it was published' }),
  boardPacks: Type.Optional(Type.Object({
    stored: Type.Integer({ minimum: 0, description: 'Packs rendered and stored so far' }),
    total: Type.Integer({ minimum: 0, description: 'Packs the version has: PDF and workbook, with and without suppression, for the county, each area and district' }),
    rendering: Type.Boolean({ description: 'The background job still has packs of this version to make (queued or in hand). False when all are stored, '
      + 'and when the job has tried them all (a pack that failed) or does not run: a pack not stored then is made at its first download' }),
  }, { description: 'The board packs of the version, rendered in the background after publishing (in the list only)' })),
});

export const PublicationsResponse = Type.Object({ publications: Type.Array(PublicationListItem) });

export const PublicationsQuery = Type.Object({
  current: Type.Optional(Type.Boolean({
    description: "true: each month's current version only (no superseded or withdrawn version). Always true for partners",
  })),
}, { additionalProperties: false });

export const PublicationParams = Type.Object({ month: Month('The data month (YYYY-MM)') });

export const PublicationQuery = Type.Object({
  version: Type.Optional(Version),
}, { additionalProperties: false });

export const PublishedRelease = Type.Object({
  ...Release.properties,
  current: Type.Boolean(),
  withdrawal: Nullable(Withdrawal),
  incompleteDatasets: Type.Array(Type.String()),
});

export const Revision = Type.Object({
  indicatorCode: Type.String(),
  geographyCode: Type.String(),
  publishedValue: Nullable(Type.Number()),
  liveValue: Nullable(Type.Number()),
  publishedStatus: Type.String(),
  liveStatus: Type.String(),
});

export const RevisionsResponse = Type.Object({
  month: MonthValue,
  version: Version,
  changes: Type.Array(Revision, { description: 'Every indicator × geography whose live value or status differs from the published one' }),
});

export const WithdrawRequest = Type.Object({
  version: Version,
  reason: Note,
}, { additionalProperties: false });

export const BoardPackQuery = Type.Object({
  version: Type.Optional(Version),
  ...GeographyQuery,
  suppress: Type.Optional(Type.Boolean({ description: 'Publication mode (partners always get it)' })),
}, { additionalProperties: false });

export type PublishRequest = Static<typeof PublishRequest>;
export type PublishResponse = Static<typeof PublishResponse>;
export type MissingSignOff = Static<typeof MissingSignOff>;
export type NotReadyResponse = Static<typeof NotReadyResponse>;
export type PublicationBlockersResponse = Static<typeof PublicationBlockersResponse>;
export type Withdrawal = Static<typeof Withdrawal>;
export type PublicationListItem = Static<typeof PublicationListItem>;
export type PublicationsResponse = Static<typeof PublicationsResponse>;
export type PublicationsQuery = Static<typeof PublicationsQuery>;
export type PublishedRelease = Static<typeof PublishedRelease>;
export type Revision = Static<typeof Revision>;
export type RevisionsResponse = Static<typeof RevisionsResponse>;
export type WithdrawRequest = Static<typeof WithdrawRequest>;
export type BoardPackQuery = Static<typeof BoardPackQuery>;
