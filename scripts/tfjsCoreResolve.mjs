// Lets plain Node (tsx: `npm run bench`) load tfjs-core's gradients and chained ops, which
// src/lib/tfjsCore.ts imports by path into its dist: ES modules whose relative imports have no
// extension, which only bundlers resolve. This hook adds the ".js" Node needs, nothing else.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

if (!process.env.TFJS_CORE_RESOLVE_HOOK) {
  process.env.TFJS_CORE_RESOLVE_HOOK = '1';
  register(import.meta.url);
}

export async function resolve(specifier, context, next) {
  const inCore = context.parentURL?.includes('/@tensorflow/tfjs-core/dist/');
  if (inCore && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const url = new URL(specifier, context.parentURL);
    const file = fileURLToPath(url);
    if (existsSync(`${file}.js`)) return next(`${url.href}.js`, context);
    if (existsSync(`${file}/index.js`)) return next(`${url.href}/index.js`, context);
  }
  return next(specifier, context);
}
