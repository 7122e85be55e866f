// A command for the tests of the shared embedded server: opens the server of HOLD_DATA_DIR as any command
// does, prints "ready <started|adopted> <port>", and leaves it when a line arrives on its stdin.
// HOLD_THROW_AWAY=1: a throw-away server, as the tests and the benchmark start.
import { startEmbeddedPostgres } from '../../../api/src/db/embedded.js';

const server = await startEmbeddedPostgres({
  dataDir: process.env.HOLD_DATA_DIR!,
  port: Number(process.env.HOLD_PORT),
  role: 'holder',
  persistent: process.env.HOLD_THROW_AWAY !== '1',
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(`ready ${server.origin} ${server.port}\n`);
process.stdin.once('data', () => {
  void server.stop().then(() => {
    process.stdout.write('left\n');
    process.exit(0);
  });
});
