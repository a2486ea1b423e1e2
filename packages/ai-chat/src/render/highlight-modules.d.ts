// Types for the ES builds of highlight.js that the highlighter imports (the package ships none).
declare module '@highlightjs/cdn-assets/es/core.min.js' {
  export interface Highlighter {
    registerLanguage(name: string, language: unknown): void;
    getLanguage(name: string): unknown;
    highlight(code: string, options: { language: string; ignoreIllegals?: boolean }): { value: string };
  }
  const hljs: Highlighter;
  export default hljs;
}
declare module '@highlightjs/cdn-assets/es/languages/*.min.js' {
  const language: unknown;
  export default language;
}
