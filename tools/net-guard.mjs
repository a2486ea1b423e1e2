// The tests' guard against reaching beyond this machine. Chromium sends every request for a host
// other than loopback (HTTP, HTTPS, WebSocket; from pages, workers and Chromium itself) to a trap:
// an HTTP proxy on 127.0.0.1 that refuses it (403) and records the host it was for. Loopback
// (127.0.0.1, localhost, [::1]) never goes through a proxy in Chromium. Host resolution is also
// mapped to nothing but loopback, so a request that skipped the proxy fails too. Firefox (its proxy
// preferences) and WebKitGTK (WebDriver's `proxy` capability) send theirs to the same trap.
// Tests read and clear what the trap saw with `take()`, and fail when it is not empty.
import { createServer } from 'node:net';

/** The host (and port) a proxy request was for: `CONNECT host:443` or `GET http://host/...`. */
export function proxiedHost(head) {
  const connect = /^CONNECT (\S+)/.exec(head);
  if (connect) return connect[1];
  const absolute = /^[A-Z]+ [a-z]+:\/\/([^/\s]+)/.exec(head);
  return absolute ? absolute[1] : 'unknown host';
}

/**
 * The browsers' own services, which Debian's Chromium calls even with background networking and
 * component updates off (at start, for components, and for autofill when a page has a text box),
 * and Firefox ESR at start. They are refused like any other host, but they are not a test's.
 */
export const CHROMIUM_OWN_HOSTS = [
  // Firefox's remote settings, asked at start whatever the profile says.
  'firefox.settings.services.mozilla.com',
  'accounts.google.com',
  'clients2.google.com',
  'content-autofill.googleapis.com',
  'redirector.gvt1.com',
  'update.googleapis.com',
];
const own = (host) => CHROMIUM_OWN_HOSTS.includes(host.replace(/:\d+$/, ''));

/** Start the trap. `args` go on Chromium's command line; `take()` returns and clears the hosts seen. */
export async function startNetGuard() {
  const seen = [];
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      const host = proxiedHost(data.toString('latin1'));
      if (!own(host)) seen.push(host);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address();
  return {
    args: [
      `--proxy-server=http://127.0.0.1:${port}`,
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
    ],
    /** The trap as a proxy (`host:port`), for WebKit's WebDriver `proxy` capability. */
    proxy: `127.0.0.1:${port}`,
    /** The same for Firefox: every host but loopback through the trap. */
    firefoxPrefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '127.0.0.1, localhost',
      'network.proxy.allow_hijacking_localhost': false,
    },
    take: () => seen.splice(0),
    pending: () => [...seen],
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The sentence a test fails with. */
export const outsideMessage = (hosts) =>
  `requests to hosts other than 127.0.0.1 (refused by the test run's network guard): ${[...new Set(hosts)].join(', ')}`;
