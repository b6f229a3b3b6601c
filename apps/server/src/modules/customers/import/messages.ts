/**
 * Texts of import problems in the uploader's language. A rejected-rows file is read by the person
 * who fixes the spreadsheet, usually in Chinese, and the specifics (which cell, which value, which
 * earlier row) cannot be rebuilt from a code on the client, so the server writes the sentence.
 * Codes stay stable for programs.
 */
export type ImportLocale = 'zh-CN' | 'en-US';

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

const zh: Record<string, Template> = {
  // upload
  empty_file: () => '文件是空的，没有任何内容',
  not_a_spreadsheet: (p) => `这不是 .xlsx 或 .csv 表格：检测到的是${p.found}`,
  unknown_encoding: (p) =>
    `第 ${p.line} 行（第 ${p.offset} 字节）的内容既不是 UTF-8 也不是 GB18030 编码；请在 Excel 中另存为“CSV UTF-8”后再导入`,
  unreadable_file: (p) => `无法读取文件：${p.reason}`,
  no_header_row: (p) => `第 1 行必须是列名（表头）：${p.reason}`,
  blank_header: (p) => `第 1 行以下列的列名为空，但列中有数据：${p.columns}；请填写列名`,
  duplicate_header: (p) => `列名重复：${p.columns}；每列的列名必须不同`,
  merged_header: (p) => `表头中有合并单元格 ${p.ranges}；请取消合并，并让第 1 行每列各有一个列名`,
  file_too_large: (p) => `文件超过 ${p.mb} MB 的上限`,
  // cells
  required: () => '必填，不能为空',
  too_long: (p) => `超过 ${p.max} 个字符`,
  too_many: (p) => `最多 ${p.max} 项`,
  invalid_format: (p) => `格式不正确：${p.value}`,
  invalid_email: (p) => `不是有效的邮箱地址：${p.value}`,
  invalid_phone: (p) => `电话只能包含数字、空格、+、-、括号：${p.value}`,
  invalid_website: (p) => `不是有效的网址：${p.value}`,
  invalid_option: (p) => `“${p.value}”不是可选值；可选：${p.choices}`,
  invalid_date: (p) => `“${p.value}”不是日期；请写成 2026-11-25、2026/11/25 或 2026年11月25日`,
  impossible_date: (p) => `“${p.value}”不是真实存在的日期`,
  invalid_number: (p) => `“${p.value}”不是数字`,
  out_of_range: (p) => `“${p.value}”超出范围（${p.min} 到 ${p.max}）`,
  invalid_boolean: (p) => `“${p.value}”不是“是/否”`,
  region_unknown: (p) => `找不到地区“${p.value}”`,
  region_not_in_parent: (p) => `“${p.value}”不属于所填的上级地区`,
  region_missing_parent: (p) => `填写了“${p.value}”，但缺少上级地区（省份/城市）`,
  credit_code_length: (p) => `统一社会信用代码应为 18 位：${p.value}`,
  credit_code_characters: (p) => `统一社会信用代码只能包含数字和除 I、O、S、V、Z 外的大写字母：${p.value}`,
  credit_code_division: (p) => `统一社会信用代码第 3–8 位应为 6 位行政区划代码：${p.value}`,
  credit_code_checksum: (p) => `统一社会信用代码校验位不符（GB 32100），请核对：${p.value}`,
  owner_unknown: (p) => `找不到在职的同事“${p.value}”（按姓名或邮箱匹配）`,
  owner_ambiguous: (p) => `有 ${p.count} 位同事都叫“${p.value}”；请改填邮箱`,
  owner_forbidden: () => '只有管理人员可以把客户分配给其他客户经理',
  owner_out_of_scope: (p) => `客户经理“${p.value}”不在您的部门`,
  formula_without_value: (p) =>
    `单元格 ${p.cell} 是公式（${p.formula}），但文件中没有保存计算结果；请在 Excel 中打开并保存后再导入`,
  cell_error: (p) => `单元格 ${p.cell} 显示错误 ${p.value}`,
  custom_invalid: (p) => `自定义字段“${p.label}”：${p.reason}`,
  // duplicates
  duplicate_in_file: (p) => `与本文件第 ${p.row} 行重复（${p.reason}）`,
  duplicate_ambiguous: (p) =>
    `与档案中 ${p.count} 个客户重复（${p.names}），无法确定更新哪一个；请先合并或选择“仍然新建”`,
  duplicate_out_of_scope: (p) =>
    `与档案中的客户“${p.name}”重复，但它不在您的数据范围内（客户经理：${p.owner}）`,
  duplicate_inactive: (p) => `与已注销或已合并的客户“${p.name}”重复；请先恢复该客户`,
  version_conflict: (p) => `客户“${p.name}”在导入期间被他人修改；请重新导入该行`,
  reason_credit_code: () => '统一社会信用代码相同',
  reason_name: () => '名称相同',
  reason_phone: () => '电话相同',
  blank: () => '（空）',
};

const en: Record<string, Template> = {
  empty_file: () => 'The file is empty',
  not_a_spreadsheet: (p) => `This is not an .xlsx or .csv spreadsheet: it is ${p.found}`,
  unknown_encoding: (p) =>
    `Line ${p.line} (byte ${p.offset}) is neither UTF-8 nor GB18030 text; save the file as "CSV UTF-8" in Excel and import it again`,
  unreadable_file: (p) => `The file cannot be read: ${p.reason}`,
  no_header_row: (p) => `Row 1 must hold the column names: ${p.reason}`,
  blank_header: (p) => `These columns have data but no name in row 1: ${p.columns}; give them a name`,
  duplicate_header: (p) => `Column names repeat: ${p.columns}; each column needs its own name`,
  merged_header: (p) =>
    `The header has merged cells ${p.ranges}; unmerge them so that row 1 has one name per column`,
  file_too_large: (p) => `The file is larger than the ${p.mb} MB limit`,
  required: () => 'required',
  too_long: (p) => `longer than ${p.max} characters`,
  too_many: (p) => `at most ${p.max} items`,
  invalid_format: (p) => `wrong format: ${p.value}`,
  invalid_email: (p) => `not an e-mail address: ${p.value}`,
  invalid_phone: (p) => `a phone number may hold only digits, spaces, +, - and ( ): ${p.value}`,
  invalid_website: (p) => `not a web address: ${p.value}`,
  invalid_option: (p) => `"${p.value}" is not one of: ${p.choices}`,
  invalid_date: (p) => `"${p.value}" is not a date; write 2026-11-25, 2026/11/25 or 2026年11月25日`,
  impossible_date: (p) => `"${p.value}" is not a real calendar date`,
  invalid_number: (p) => `"${p.value}" is not a number`,
  out_of_range: (p) => `"${p.value}" is outside ${p.min} to ${p.max}`,
  invalid_boolean: (p) => `"${p.value}" is not yes/no`,
  region_unknown: (p) => `unknown region "${p.value}"`,
  region_not_in_parent: (p) => `"${p.value}" is not inside the region given before it`,
  region_missing_parent: (p) => `"${p.value}" needs its parent region (province / city) too`,
  credit_code_length: (p) => `a credit code has 18 characters: ${p.value}`,
  credit_code_characters: (p) =>
    `a credit code holds digits and capitals other than I, O, S, V, Z: ${p.value}`,
  credit_code_division: (p) => `characters 3–8 of a credit code are the 6-digit region code: ${p.value}`,
  credit_code_checksum: (p) => `the check character does not match (GB 32100); re-check the code: ${p.value}`,
  owner_unknown: (p) => `no active colleague "${p.value}" (matched by name or e-mail)`,
  owner_ambiguous: (p) => `${p.count} colleagues are called "${p.value}"; use the e-mail address`,
  owner_forbidden: () => 'only managers may give customers to another account manager',
  owner_out_of_scope: (p) => `"${p.value}" is not in your department`,
  formula_without_value: (p) =>
    `cell ${p.cell} holds a formula (${p.formula}) without a saved result; open the file in Excel, save it and import again`,
  cell_error: (p) => `cell ${p.cell} shows the error ${p.value}`,
  custom_invalid: (p) => `custom field "${p.label}": ${p.reason}`,
  duplicate_in_file: (p) => `repeats row ${p.row} of this file (${p.reason})`,
  duplicate_ambiguous: (p) =>
    `matches ${p.count} customers in the archive (${p.names}), so it is unclear which to update; merge them first or choose "create anyway"`,
  duplicate_out_of_scope: (p) =>
    `matches the customer "${p.name}", which is outside your data scope (owner: ${p.owner})`,
  duplicate_inactive: (p) => `matches the invalidated or merged customer "${p.name}"; restore it first`,
  version_conflict: (p) =>
    `the customer "${p.name}" was changed by someone else during the import; import this row again`,
  reason_credit_code: () => 'same credit code',
  reason_name: () => 'same name',
  reason_phone: () => 'same phone',
  blank: () => '(blank)',
};

export function importLocale(locale: string | null | undefined): ImportLocale {
  return locale === 'en-US' ? 'en-US' : 'zh-CN';
}

export function importMessage(locale: ImportLocale, code: string, params: Params = {}): string {
  const table = locale === 'en-US' ? en : zh;
  const template = table[code];
  return template ? template(params) : code;
}
