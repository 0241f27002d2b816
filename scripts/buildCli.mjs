// Bundles the CLI (src/cli/main.ts and whatever it imports) into dist-cli/ once, so that
// `npm run cli` starts plain JavaScript instead of compiling TypeScript on every call.
// Packages stay external: they load from node_modules, where tfjs's wasm backend finds its
// .wasm files. Dynamic imports stay separate chunks, so tfjs loads only for commands that train.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      ssr: `${root}src/cli/main.ts`,
      outDir: `${root}dist-cli`,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'main.js' } },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
