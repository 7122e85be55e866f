// GET /api/health.
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

export const HealthQuery = Type.Object({}, { additionalProperties: false });

export const HealthResponse = Type.Object({
  status: StringEnum(['ok', 'unavailable']),
  database: StringEnum(['ok', 'unavailable']),
});

export type HealthResponse = Static<typeof HealthResponse>;
