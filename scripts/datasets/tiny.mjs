/**
 * Writes examples/data/tiny.csv, the small credit-default CSV that examples/csv-tiny.json and the
 * tests read: 300 applicants, seeded, so the file is the same every time.
 * Run at development time: node scripts/datasets/tiny.mjs
 * Default risk rises with late payments and falls with income and age (a logistic model of them),
 * so a model has something to learn; a few cells are left empty to exercise missing values.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = 300;
const REGIONS = ['north', 'east', 'south', 'west', 'centre'];
const out = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'examples',
  'data',
  'tiny.csv',
);

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20261202);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const poisson = (mean) => {
  let k = 0;
  for (let p = Math.exp(-mean), s = random(); s > p; s *= random()) k++;
  return k;
};

const lines = ['age,income_k,region,has_card,late_payments,defaulted'];
for (let i = 0; i < ROWS; i++) {
  const age = Math.round(Math.min(75, Math.max(19, 42 + 12 * normal())));
  const income = Math.max(8, 45 + 0.4 * (age - 42) + 18 * normal());
  const region = REGIONS[Math.floor(random() * REGIONS.length)];
  const hasCard = random() < 0.7;
  const late = poisson(1.2);
  const logit = -1.6 + 0.8 * (late - 1.2) - 0.035 * (income - 45) - 0.02 * (age - 42);
  const defaulted = random() < 1 / (1 + Math.exp(-logit));
  // About 1 row in 40 has one empty cell, in income or late payments.
  const gap = random();
  lines.push(
    [
      age,
      gap < 0.015 ? '' : income.toFixed(1),
      region,
      hasCard,
      gap > 0.985 ? '' : late,
      defaulted ? 'yes' : 'no',
    ].join(','),
  );
}
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${ROWS} rows to examples/data/tiny.csv\n`);
