/** Vite's `?worker&url` import: the URL of the worker module, built as its own chunk. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
