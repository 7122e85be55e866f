// Starts the end-to-end stack (built web app, embedded PostgreSQL with the fixtures, the app) and keeps it
// running until Ctrl+C, for repeated browser test runs and the web benchmark:
//   npx tsx tests/e2e/serve.ts            # prints the address
//   EHPS_E2E_URL=<address> EHPS_E2E_EMAIL=… EHPS_E2E_PASSWORD=… EHPS_E2E_TOKEN=… npx vitest run --project e2e  (as printed)
//   npx tsx scripts/bench/web.ts <address>
import { say, startE2eStack } from './global-setup.js';

const stack = await startE2eStack();
say(`ready: ${stack.address} (Ctrl+C to stop)`);
say('for the browser tests against it:');
say(`  EHPS_E2E_URL=${stack.address} EHPS_E2E_EMAIL=${stack.viewer.email} EHPS_E2E_PASSWORD='${stack.viewer.password}' `
  + `EHPS_E2E_TOKEN=${stack.viewer.token} EHPS_E2E_FIRST_RUN_LINK='${stack.firstRunLink}' EHPS_E2E_DATABASE_URL='${stack.connectionString}'`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
