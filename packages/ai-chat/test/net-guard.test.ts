import { expect } from '@open-wc/testing';

const reached = (request: Promise<unknown>) =>
  request.then(
    () => 'reached',
    () => 'refused',
  );

describe("the test run's network guard (real Chromium, trap proxy on 127.0.0.1)", () => {
  it('a request for another host, from the page or from a worker, is refused and named; 127.0.0.1 is not', async () => {
    const fromPage = await reached(fetch('https://example.com/'));
    const worker = new Worker(
      URL.createObjectURL(
        new Blob(
          [
            `fetch('http://example.org/model.json').then(() => postMessage('reached'), () => postMessage('refused'))`,
          ],
          { type: 'text/javascript' },
        ),
      ),
    );
    const fromWorker = await new Promise((resolve) => (worker.onmessage = (e) => resolve(e.data)));
    worker.terminate();
    expect([fromPage, fromWorker]).to.deep.equal(['refused', 'refused']);
    expect(await reached(fetch('/__models/requests'))).to.equal('reached');
    // What the guard saw; reading clears it, so this test's own afterEach check passes.
    const seen = (await (await fetch('/__net/outside')).json()) as string[];
    expect(seen.sort()).to.deep.equal(['example.com:443', 'example.org']);
  });
});
