// Imported into every test file by web-test-runner.config.mjs. A failed assertion whose actual or
// expected value is a DOM node (`expect($(el, '.jump')).to.equal(null)`) never reaches the test
// runner: serialising the node for the report never ends, and the run stalls until its finish
// timeout with no word of which test failed. Before the report is made, such values become their
// markup.
const readable = (value: unknown): unknown =>
  value instanceof Node ? (value instanceof Element ? value.outerHTML : value.textContent) : value;

afterEach(function (this: Mocha.Context) {
  const err = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!err) return;
  err.actual = readable(err.actual);
  err.expected = readable(err.expected);
});
