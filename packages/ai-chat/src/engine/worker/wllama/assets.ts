/** Where wllama's two builds are: the fast one (JSPI + Memory64) and the compat one. */
export interface WllamaAssets {
  wasm: string;
  compatJs: string;
  compatWasm: string;
}
