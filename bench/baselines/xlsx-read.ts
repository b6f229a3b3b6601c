// Import baseline: only reading the spreadsheet — exceljs's streaming reader over every row, no
// validation, no duplicate check, no database. What an import costs beyond this is the app's work.
//   npx tsx bench/baselines/xlsx-read.ts <file.xlsx>
import ExcelJS from 'exceljs';

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: xlsx-read.ts <file.xlsx>');
  const t0 = performance.now();
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  // The same guard as apps/server/src/modules/customers/import/xlsx.ts (exceljs#3064).
  Object.defineProperty(reader, 'model', { get: () => ({ sheets: [] }), set: () => {} });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      cells += row.cellCount;
    }
    break;
  }
  process.stdout.write(`${JSON.stringify({ rows, cells, ms: performance.now() - t0 })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
