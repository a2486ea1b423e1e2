// Imported first into every test file by web-test-runner.config.mjs: a test fails when Lit warned
// while it ran (a dev-mode warning: an update scheduled after an update, an attribute that cannot
// be converted, ...). Lit's notes that dev mode is on, and that several copies are loaded, are not
// failures. No imports: console.warn is watched before any Lit module runs.

const warnings: string[] = [];
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (/Lit is in dev mode|multiple versions of Lit/i.test(text) === false && /lit/i.test(text))
    warnings.push(text);
  warn(...args);
};

afterEach(function (this: Mocha.Context) {
  const found = warnings.splice(0);
  if (found.length === 0) return;
  const title = this.currentTest?.fullTitle() ?? 'this test';
  throw new Error(`Lit warned during "${title}":\n${found.join('\n')}`);
});
