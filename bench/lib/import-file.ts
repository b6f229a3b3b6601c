import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { enumLabel, regionName } from '@weixi/domain';
import ExcelJS from 'exceljs';
import { generateCustomer } from './names';
import { Rng } from './random';

/** Bump when the file's content changes, so a cached file is rebuilt. */
const fileVersion = 1;

// The headers a Chinese customer list typically has; the import's suggested mapping knows them all.
const headers = [
  '客户名称',
  '简称',
  '客户类型',
  '统一社会信用代码',
  '行业',
  '规模',
  '省份',
  '城市',
  '区县',
  '详细地址',
  '电话',
  '邮箱',
  '客户来源',
  '成立日期',
  '客户经理',
  '客户分类',
  '客户分级',
  '生命周期',
  '联系人',
  '联系人职务',
  '联系人电话',
];

// Municipalities have a 市辖区 level nobody writes in a spreadsheet (the export leaves it empty too).
const level = (code: string | null) => {
  const name = regionName(code) ?? '';
  return name === '市辖区' || name === '县' ? '' : name;
};

/**
 * A customer list of `rows` rows as sales teams keep it in Excel: the generator's customers (with a
 * different seed from the archive, so most are new and a few collide as duplicates do), owners by
 * name, enumerations in Chinese, and about 0.5% of rows with a mistake (a wrong credit-code check
 * character, an unknown owner) that the import must reject by row and column.
 */
export async function ensureImportFile(
  dir: string,
  rows: number,
  ownerNames: readonly string[],
): Promise<{ file: string; bytes: number; generatedMs: number | null }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `import-${rows}-v${fileVersion}.xlsx`);
  if (existsSync(file)) {
    return { file, bytes: statSync(file).size, generatedMs: null };
  }
  const t0 = performance.now();
  const tmp = `${file}.${process.pid}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('客户清单');
  ws.addRow(headers).commit();
  const rng = new Rng(77_001);
  for (let i = 0; i < rows; i++) {
    const g = generateCustomer(rng);
    const contact = g.contacts[0];
    let code = g.creditCode ?? '';
    let owner = rng.chance(0.9) ? rng.pick(ownerNames) : '';
    if (rng.chance(0.003) && code) code = code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
    if (rng.chance(0.002)) owner = '查无此人';
    ws.addRow([
      g.name,
      g.shortName,
      enumLabel('kind', g.kind, 'zh-CN'),
      code,
      g.industry,
      enumLabel('scale', g.scale, 'zh-CN'),
      level(g.provinceCode),
      level(g.cityCode),
      level(g.districtCode),
      g.address,
      g.phone,
      g.email,
      enumLabel('source', g.source, 'zh-CN'),
      g.foundedOn ?? '',
      owner,
      enumLabel('category', g.category, 'zh-CN'),
      enumLabel('grade', g.grade, 'zh-CN'),
      enumLabel('lifecycle', g.lifecycle, 'zh-CN'),
      contact?.name ?? '',
      contact?.position ?? '',
      contact?.phone ?? '',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, file);
  return { file, bytes: statSync(file).size, generatedMs: performance.now() - t0 };
}
