// A single connection for a test's own statements (creating and dropping databases, reading another
// server): ended however the work ends. The server may end it first (a database dropped WITH (FORCE), a
// server stopped by the test): that is not an error of the run, so the connection has an 'error' listener
// (without one, pg throws the server's "terminating connection" out of the test file).
import pg from 'pg';

export async function withClient<T>(config: string | pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(typeof config === 'string' ? { connectionString: config } : config);
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
