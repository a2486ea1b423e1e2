import { waitUntil } from './helpers.js';
describe('exp', () => {
  it('order', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="worker-src 'self'"><body><script>
      window.log = [];
      document.addEventListener('securitypolicyviolation', (e) => log.push('violation ' + e.effectiveDirective + ' ' + e.blockedURI));
      const url = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
      try { const w = new Worker(url, { type: 'module' }); w.onerror = (e) => log.push('error ' + e.message); w.onmessage = () => log.push('message'); log.push('constructed'); } catch (e) { log.push('threw ' + e.name + ' ' + e.message); }
    </script>`;
    document.body.append(frame);
    await waitUntil(
      () => ((frame.contentWindow as unknown as { log?: string[] })?.log?.length ?? 0) >= 3,
      'log',
      { timeout: 3000 },
    ).catch(() => undefined);
    console.log(JSON.stringify((frame.contentWindow as unknown as { log?: string[] }).log));
  });
});
