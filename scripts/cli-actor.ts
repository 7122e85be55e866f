// Who a command line acts as in the audit log and the import history: cli:<operating-system user>.
import os from 'node:os';

export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function cliActor(): { userId: null; userEmail: string; address: null } {
  return { userId: null, userEmail: `cli:${osUserName()}`, address: null };
}
