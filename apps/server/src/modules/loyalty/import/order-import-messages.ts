import type { ImportLocale } from '../../customers/import/messages';

/**
 * Texts of order-import row problems in the uploader's language (upload problems — not a
 * spreadsheet, no header — come from the customer import's messages, shared by both). The person
 * fixing the spreadsheet reads these in the rejected-rows file, so they name the value.
 */

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

const zh: Record<string, Template> = {
  required: () => '必填，不能为空',
  too_long: (p) => `超过 ${p.max} 个字符`,
  invalid_date: (p) => `“${p.value}”不是日期；请写成 2026-11-25、2026/11/25 或 2026年11月25日`,
  impossible_date: (p) => `“${p.value}”不是真实存在的日期`,
  date_in_future: (p) => `“${p.value}”晚于今天（${p.today}）；订单只记录已经发生的购买`,
  date_too_old: (p) => `“${p.value}”早于 1990 年，请核对年份`,
  invalid_amount: (p) => `“${p.value}”不是金额；请写成 1234.50、1,234.50、¥1234.5 或 1234.5元`,
  negative_amount: (p) => `金额不能为负数：${p.value}`,
  amount_too_precise: (p) => `金额最多精确到分（两位小数）：${p.value}`,
  amount_too_large: (p) => `金额超出上限：${p.value}`,
  invalid_quantity: (p) => `“${p.value}”不是数量`,
  quantity_not_positive: (p) => `数量必须大于 0：${p.value}`,
  quantity_too_precise: (p) => `数量最多三位小数：${p.value}`,
  quantity_too_large: (p) => `数量超出上限：${p.value}`,
  invalid_channel: (p) => `“${p.value}”不是可选的渠道；可选：${p.choices}`,
  customer_missing: () => '客户名称和统一社会信用代码都是空的，无法确定是哪个客户',
  customer_not_found: (p) => `客户档案中找不到“${p.value}”（按统一社会信用代码和名称查找）`,
  customer_ambiguous: (p) =>
    `客户档案中有 ${p.count} 个客户与“${p.value}”匹配（${p.names}）；请填写统一社会信用代码`,
  customer_out_of_scope: (p) => `客户“${p.value}”不在您的数据范围内（客户经理：${p.owner}）`,
  product_missing: () => '产品编码和产品名称都是空的，无法确定是哪个产品',
  product_not_found: (p) => `产品目录中找不到“${p.value}”；请先在产品目录中添加`,
  product_ambiguous: (p) => `产品目录中有 ${p.count} 个产品名为“${p.value}”；请填写产品编码`,
  ref_in_file: (p) => `外部单号“${p.value}”与本文件第 ${p.row} 行重复；一张单据有多行时，请同时映射“行号”列`,
  formula_without_value: (p) =>
    `单元格 ${p.cell} 是公式（${p.formula}），但文件中没有保存计算结果；请在 Excel 中打开并保存后再导入`,
  cell_error: (p) => `单元格 ${p.cell} 显示错误 ${p.value}`,
  nobody: () => '无',
};

const en: Record<string, Template> = {
  required: () => 'required',
  too_long: (p) => `longer than ${p.max} characters`,
  invalid_date: (p) => `"${p.value}" is not a date; write 2026-11-25, 2026/11/25 or 2026年11月25日`,
  impossible_date: (p) => `"${p.value}" is not a real calendar date`,
  date_in_future: (p) => `"${p.value}" is after today (${p.today}); orders record purchases that happened`,
  date_too_old: (p) => `"${p.value}" is before 1990; check the year`,
  invalid_amount: (p) => `"${p.value}" is not an amount; write 1234.50, 1,234.50, ¥1234.5 or 1234.5元`,
  negative_amount: (p) => `the amount must not be negative: ${p.value}`,
  amount_too_precise: (p) => `amounts go down to the fen (two decimals): ${p.value}`,
  amount_too_large: (p) => `the amount is too large: ${p.value}`,
  invalid_quantity: (p) => `"${p.value}" is not a quantity`,
  quantity_not_positive: (p) => `the quantity must be greater than 0: ${p.value}`,
  quantity_too_precise: (p) => `at most 3 decimals: ${p.value}`,
  quantity_too_large: (p) => `the quantity is too large: ${p.value}`,
  invalid_channel: (p) => `"${p.value}" is not a channel; one of: ${p.choices}`,
  customer_missing: () => 'both the customer name and the credit code are blank',
  customer_not_found: (p) => `no customer "${p.value}" in the archive (looked up by credit code and name)`,
  customer_ambiguous: (p) =>
    `${p.count} customers in the archive match "${p.value}" (${p.names}); add the credit code`,
  customer_out_of_scope: (p) => `the customer "${p.value}" is outside your data scope (owner: ${p.owner})`,
  product_missing: () => 'both the product code and the product name are blank',
  product_not_found: (p) => `no product "${p.value}" in the catalog; add it to the catalog first`,
  product_ambiguous: (p) =>
    `${p.count} products in the catalog are called "${p.value}"; add the product code`,
  ref_in_file: (p) =>
    `the external reference "${p.value}" repeats row ${p.row} of this file; when a document has several lines, map the line number column too`,
  formula_without_value: (p) =>
    `cell ${p.cell} holds a formula (${p.formula}) without a saved result; open the file in Excel, save it and import again`,
  cell_error: (p) => `cell ${p.cell} shows the error ${p.value}`,
  nobody: () => 'none',
};

export function orderImportMessage(locale: ImportLocale, code: string, params: Params = {}): string {
  const template = (locale === 'en-US' ? en : zh)[code];
  return template ? template(params) : code;
}
