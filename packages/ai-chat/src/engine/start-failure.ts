/**
 * Why a worker's entry did not start, in words for the page author (imported by `spawn.ts` only
 * when it happens), from what the server answers for it when asked again. A 404 of the npm
 * install's worker is a bundler that did not copy the package's files (esbuild, Rollup): the words
 * name where they belong.
 */

/** Whose worker it is: an npm install's (`dist/cdn/linked/worker.js`), the script tag's, or `worker-url`. */
export type WorkerSource = 'npm' | 'script' | 'worker-url';

const WHERE: Record<WorkerSource, (file: URL) => string> = {
  npm: (file) =>
    `your bundler did not copy ai-chat's files: copy node_modules/ai-chat/dist/cdn/ to ${new URL('..', file).href} (see "Bundlers" in ai-chat's README)`,
  script: () => 'serve all of ai-chat/dist/cdn/, worker.js and its folders beside ai-chat.js',
  'worker-url': () => "serve ai-chat's dist/cdn/ folder there, or remove worker-url",
};

/** The error for the entry at `entry` that answered `status` (0: no answer). */
export function startFailure(
  entry: string,
  status: number,
  source: WorkerSource,
): { name: string; message: string } {
  const file = new URL(entry);
  file.search = '';
  file.hash = '';
  if (status === 404)
    return { name: 'WorkerFilesMissing', message: `${file.href} answered 404: ${WHERE[source](file)}` };
  return {
    name: 'WorkerDied',
    message: `${file.href} did not start (${status ? `HTTP ${status}` : 'no answer'}): serve it as JavaScript, and allow it in the page's worker-src`,
  };
}

/**
 * Ask the server what it answers for `entry`, and say why it did not start: the page's policy
 * when it blocked the worker (`blocked`: the directive it named, which no retry changes).
 */
export async function explainStartFailure(
  entry: string,
  source: WorkerSource,
  blocked: () => string | undefined = () => undefined,
) {
  const status = await fetch(entry, { method: 'HEAD' }).then(
    (response) => response.status,
    () => 0,
  );
  const directive = blocked();
  if (directive)
    return {
      name: 'ContentSecurityPolicyError',
      message: `the page's Content-Security-Policy (${directive}) blocks the model worker: ${new URL(entry).origin === location.origin ? `allow ${new URL(entry).origin}` : 'the script is on another origin: allow blob:'} in worker-src`,
    };
  return startFailure(entry, status, source);
}
