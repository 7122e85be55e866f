// Run by crash.test.ts as a process of its own: opens a session as the import does (its transaction,
// prepared by prepareImportSession) and runs one statement that would last an hour, until it is killed.
import pg from 'pg';
import { prepareImportSession } from '../../../api/src/import/session.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const client = await pool.connect();
await client.query('BEGIN');
await prepareImportSession(client);
await client.query('SELECT pg_sleep(3600)');
