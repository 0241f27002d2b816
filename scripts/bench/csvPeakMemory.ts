/**
 * Imports one CSV file as the CLI does (read as text, then parseCsv) and prints, as JSON, the
 * process's peak resident memory, the file's bytes and the final table's bytes. Run in its own
 * process by scripts/bench/compare.ts, so the peak is the import's alone:
 *
 *   npx tsx scripts/bench/csvPeakMemory.ts FILE
 */
import { readFileSync, statSync } from 'node:fs';
import { parseCsv } from '../../src/lib/data/csvImport.ts';
import { tableBytes } from '../../src/lib/data/tableStats.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx scripts/bench/csvPeakMemory.ts FILE');
const imported = await parseCsv(readFileSync(path, 'utf8'), { maxBytes: 1e10 });
console.log(
  JSON.stringify({
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    fileBytes: statSync(path).size,
    tableBytes: tableBytes(imported.table),
    rows: imported.table.rowCount,
  }),
);
