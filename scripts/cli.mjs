// `npm run cli -- ...`: runs the bundled CLI in dist-cli/, building it first when it is missing
// or older than a source file under src/ (so an edit is never run stale).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// tfjs-core's gradients load from its dist as ES modules that plain Node cannot resolve alone.
import './tfjsCoreResolve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist-cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'))) {
  process.stderr.write('building the CLI into dist-cli/ ...\n');
  const { buildCli } = await import('./buildCli.mjs');
  await buildCli();
}
await import(pathToFileURL(bundle).href);
