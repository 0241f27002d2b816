/**
 * Imports one CSV file as the CLI does (a `csv:` source: a Blob backed by the file, read a chunk
 * at a time, then parseCsv) and prints, as JSON, the process's peak resident memory, the
 * process's resident memory before the import (Node, tsx and the modules), the file's bytes and
 * the final table's bytes. Run in its own process by scripts/bench/compare.ts, so the peak is the
 * import's alone:
 *
 *   npx tsx scripts/bench/csvPeakMemory.ts FILE
 */
import { statSync } from 'node:fs';
import { nodeDataReader } from '../../src/cli/nodeDataReader.ts';
import { parseCsv } from '../../src/lib/data/csvImport.ts';
import { tableBytes } from '../../src/lib/data/tableStats.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx scripts/bench/csvPeakMemory.ts FILE');
const baseRssBytes = process.resourceUsage().maxRSS * 1024;
const input = await nodeDataReader(`csv:${path}`).read(path);
const imported = await parseCsv(input, { maxBytes: 1e10 });
console.log(
  JSON.stringify({
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baseRssBytes,
    fileBytes: statSync(path).size,
    tableBytes: tableBytes(imported.table),
    rows: imported.table.rowCount,
  }),
);
