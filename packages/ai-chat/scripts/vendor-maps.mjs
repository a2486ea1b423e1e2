// Source maps in the tarball describe our code only. esbuild maps every chunk, third-party ones
// included (web-llm's map alone is about 7 MB). After the script-tag build:
// - a chunk made only of third-party code (node_modules) loses its map and its sourceMappingURL;
// - a chunk that mixes ours and theirs keeps its map, without the third-party sources' text.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const isThirdParty = (source) => /(^|\/)node_modules\//.test(source);

/** @returns {{ removed: string[], trimmed: string[] }} maps removed and maps trimmed, by file name */
export function stripVendorMaps(dir) {
  const removed = [];
  const trimmed = [];
  const maps = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js.map'));
  for (const name of maps) {
    const mapFile = join(dir, name);
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    const sources = map.sources ?? [];
    if (!sources.some((s) => !isThirdParty(s))) {
      const jsFile = mapFile.slice(0, -'.map'.length);
      const js = readFileSync(jsFile, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
      writeFileSync(jsFile, js);
      rmSync(mapFile);
      removed.push(name);
    } else if (sources.some(isThirdParty)) {
      map.sourcesContent = sources.map((s, i) =>
        isThirdParty(s) ? null : (map.sourcesContent?.[i] ?? null),
      );
      writeFileSync(mapFile, JSON.stringify(map));
      trimmed.push(name);
    }
  }
  return { removed, trimmed };
}
