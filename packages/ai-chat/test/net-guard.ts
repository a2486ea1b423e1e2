// Imported into every test file by web-test-runner.config.mjs: a test fails when the test run's
// network guard saw a request for a host other than 127.0.0.1 while it ran.
import { expect } from '@open-wc/testing';

/** Hosts the guard refused since the last call (the call clears them). */
export async function outsideRequests(): Promise<string[]> {
  return (await fetch('/__net/outside')).json();
}

afterEach(async function (this: Mocha.Context) {
  const hosts = await outsideRequests();
  const title = this.currentTest?.fullTitle() ?? 'this test';
  expect(hosts.join(', '), `requests for hosts other than 127.0.0.1 (refused) during "${title}"`).to.equal(
    '',
  );
});
