// The DOM project shares one module graph and one document per worker (isolate: false in
// vite.config.ts). This file runs again before every test file, so each file starts from an empty
// document and storage as it did in a fresh environment, and hooks registered here apply to every
// file (a hook in an imported module would be registered by the first file that imports it only).
import { afterEach } from 'vitest';
import { unmountCharts } from './mountChart.ts';

document.head.innerHTML = '';
document.body.innerHTML = '';
localStorage.clear();
history.replaceState(null, '', '/');

afterEach(unmountCharts);
