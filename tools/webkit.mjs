// WebKitGTK (the engine of Safari) for the tests and the bench: its MiniBrowser driven through
// `WebKitWebDriver` with plain W3C WebDriver over HTTP, on a virtual display of its own (Xvfb: the
// GTK MiniBrowser has no headless mode). One session is one MiniBrowser with a fresh profile. Pages
// get the same small surface as puppeteer's (`goto`, `evaluate`, `close`), so a test drives every
// engine alike. The worker's console is out of WebDriver's reach: tests report from the page.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findEngines } from './engines.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** The processes started here and still running: ended with this process, however it ends. */
const live = new Set();
const endLive = () => live.forEach((child) => child.kill('SIGTERM'));
process.once('exit', endLive);
// A signal ends the run (other listeners, puppeteer's among them, would otherwise keep it going).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
])
  process.once(signal, () => {
    endLive();
    process.exit(code);
  });

/** Start a process and end it (by its own id) with the returned `stop`. */
function start(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], ...options });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  return { child, stderr: () => stderr, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

/** An X display of our own: Xvfb picks a free number and writes it to fd 3. */
async function startDisplay(xvfb) {
  const display = start(xvfb, ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp']);
  const number = await new Promise((resolve, reject) => {
    let out = '';
    display.child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    display.child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${display.stderr()}`)));
  });
  return { ...display, name: `:${number}` };
}

/** Wait until `url` answers (the driver listens a moment after it starts). */
async function reachable(url, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The script WebDriver runs for `evaluate`: the function's source, called with the arguments; its
 * promise settles the asynchronous script (a thrown error comes back as `{ __error }`).
 */
const asyncScript = (fn) => `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn})(...Array.prototype.slice.call(arguments, 0, -1)))
  .then((value) => done({ value }), (error) => done({ __error: String(error && error.stack || error) }));`;

/**
 * Launch WebKitGTK. `proxy` (host:port) sends every request for another host than loopback to the
 * tests' network guard. Returns `{ newPage(), close() }`; each page is a session of its own.
 */
export async function launchWebKit({ proxy, scriptTimeoutMs = 120000 } = {}) {
  const { webkitDriver, miniBrowser, xvfb } = findEngines();
  if (!webkitDriver || !miniBrowser || !xvfb)
    throw new Error(
      'WebKitGTK needs WebKitWebDriver, its MiniBrowser and Xvfb: apt-get install -y webkit2gtk-driver xvfb',
    );
  const display = await startDisplay(xvfb);
  const port = await freePort();
  const driver = start(webkitDriver, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display.name },
  });
  const base = `http://127.0.0.1:${port}`;
  const stopAll = () => {
    driver.stop();
    display.stop();
  };
  try {
    await reachable(`${base}/status`);
  } catch (error) {
    stopAll();
    throw new Error(`WebKitWebDriver did not start: ${error.message} ${driver.stderr()}`);
  }
  // Every call ends: a WebKit that stops answering fails the call after the script's own timeout.
  const call = async (method, path, body, timeoutMs = scriptTimeoutMs + 30000) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).catch((error) => {
      throw new Error(`WebDriver ${method} ${path}: no answer (${error.message})`);
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  };
  const sessions = new Set();

  /** A new session; a MiniBrowser that does not come up within a minute is asked for once more. */
  async function newSession(capabilities) {
    try {
      return await call('POST', '/session', capabilities, 60000);
    } catch {
      return call('POST', '/session', capabilities, 60000);
    }
  }

  async function newPage() {
    const { sessionId } = await newSession({
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
          timeouts: { script: scriptTimeoutMs, pageLoad: 60000 },
          ...(proxy
            ? {
                proxy: {
                  proxyType: 'manual',
                  httpProxy: proxy,
                  sslProxy: proxy,
                  noProxy: ['127.0.0.1', 'localhost'],
                },
              }
            : {}),
        },
      },
    });
    sessions.add(sessionId);
    const session = `/session/${sessionId}`;
    return {
      goto: (url) => call('POST', `${session}/url`, { url }),
      /** `fn(...args)` in the page; resolves with its (JSON) result, rejects with its error. */
      async evaluate(fn, ...args) {
        const result = await call('POST', `${session}/execute/async`, { script: asyncScript(fn), args });
        if (result && '__error' in result) throw new Error(`in WebKit: ${result.__error}`);
        return result?.value;
      },
      async close() {
        if (!sessions.delete(sessionId)) return;
        await call('DELETE', session).catch(() => undefined);
      },
    };
  }

  return {
    newPage,
    async close() {
      for (const id of [...sessions]) await call('DELETE', `/session/${id}`).catch(() => undefined);
      sessions.clear();
      stopAll();
    },
  };
}
