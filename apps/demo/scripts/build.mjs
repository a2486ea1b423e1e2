// The demo is static: index.html plus the package's script-tag build, copied to dist/.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const pkg = dirname(createRequire(import.meta.url).resolve('ai-chat/package.json'));
rmSync(join(here, 'dist'), { recursive: true, force: true });
mkdirSync(join(here, 'dist'), { recursive: true });
cpSync(join(here, 'index.html'), join(here, 'dist/index.html'));
for (const file of ['demo.js', 'replies.js', 'ar.js', 'favicon.svg'])
  cpSync(join(here, file), join(here, `dist/${file}`));
cpSync(join(pkg, 'dist/cdn'), join(here, 'dist/cdn'), { recursive: true });
console.log('demo built in apps/demo/dist');
