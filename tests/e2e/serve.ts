// Starts the end-to-end stack (built web app, embedded PostgreSQL with the fixtures, the app) and keeps it
// running until Ctrl+C, for repeated browser test runs and the web benchmark:
//   npx tsx tests/e2e/serve.ts            # prints the address
//   EHPS_E2E_URL=<address> npx vitest run --project e2e
//   npx tsx scripts/bench/web.ts <address>
import { say, startE2eStack } from './global-setup.js';

const stack = await startE2eStack();
say(`ready: ${stack.address} (Ctrl+C to stop)`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
