// After every story has run: fail the run if the network guard (started in vitest.config.ts) saw a
// request for a host other than 127.0.0.1. (Vitest reports a teardown error but keeps exit code 0,
// so the exit code is set as the process exits.)
import { outsideMessage, type NetGuard } from '../../tools/net-guard.mjs';

export function teardown() {
  const guard = (globalThis as { aiChatNetGuard?: NetGuard }).aiChatNetGuard;
  if (!guard) throw new Error('the network guard did not start (vitest.config.ts)');
  const hosts = guard.take();
  if (hosts.length === 0) return;
  process.on('exit', () => {
    console.error(outsideMessage(hosts));
    process.exitCode = 1;
  });
  throw new Error(outsideMessage(hosts));
}
