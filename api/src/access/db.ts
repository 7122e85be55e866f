// What the access functions run their statements on: the pool, or a client inside a transaction.
import type pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
