// A classic script for a test or bench page, run before anything else on it: every module worker
// the page starts runs `prelude` (a module's source) first, then the worker's own module. Tests use
// it to listen inside a worker they do not own (WebDriver cannot read a worker's console), the
// bench to give a worker another `navigator.hardwareConcurrency`. The worker then starts from a
// `blob:` URL of the page's origin, as the script-tag build's worker does from another origin.
export const workerPrelude = (prelude) => `(() => {
  const prelude = URL.createObjectURL(new Blob([${JSON.stringify(prelude)}], { type: 'text/javascript' }));
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      const module = options && options.type === 'module';
      const target = new URL(url, location.href).href;
      const body = 'import ' + JSON.stringify(prelude) + '; import ' + JSON.stringify(target) + ';';
      super(module ? URL.createObjectURL(new Blob([body], { type: 'text/javascript' })) : url, options);
    }
  };
})();`;
