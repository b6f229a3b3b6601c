import { normalizeHeader } from './import-mapping';

/**
 * The columns an order spreadsheet (an ERP's sales-line export) may hold, how their headers are
 * usually written, and how channel values are spelled. The order import suggests a mapping from
 * these, as the customer import does from its own list.
 */

export interface OrderImportField {
  key: string;
  labelZh: string;
  labelEn: string;
  synonyms: readonly string[];
}

const f = (key: string, labelZh: string, labelEn: string, synonyms: string[]): OrderImportField => ({
  key,
  labelZh,
  labelEn,
  synonyms,
});

export const orderImportFields: readonly OrderImportField[] = [
  f('orderedOn', '下单日期', 'Order date', [
    '订单日期',
    '日期',
    '销售日期',
    '单据日期',
    '业务日期',
    '开单日期',
    'date',
    'order date',
    'ordered on',
  ]),
  f('customerName', '客户名称', 'Customer', [
    '客户',
    '客户全称',
    '购货单位',
    '购买单位',
    '单位名称',
    '公司名称',
    'customer name',
    'company',
  ]),
  f('creditCode', '统一社会信用代码', 'Credit code', [
    '信用代码',
    '社会信用代码',
    '税号',
    '纳税人识别号',
    'uscc',
    'tax id',
  ]),
  f('productCode', '产品编码', 'Product code', [
    '产品代码',
    '物料编码',
    '物料代码',
    '存货编码',
    '商品编码',
    '货号',
    '编码',
    'sku',
    'item code',
    'code',
  ]),
  f('productName', '产品名称', 'Product', [
    '产品',
    '物料名称',
    '存货名称',
    '商品名称',
    '品名',
    'product name',
    'item',
    'item name',
  ]),
  f('quantity', '数量', 'Quantity', ['销售数量', '订购数量', 'qty']),
  f('amount', '金额', 'Amount', [
    '销售金额',
    '订单金额',
    '价税合计',
    '含税金额',
    '总金额',
    '合计金额',
    '金额元',
    'total',
    'amount cny',
  ]),
  f('channel', '渠道', 'Channel', ['销售渠道', '订单来源', '来源']),
  f('externalRef', '外部单号', 'External reference', [
    '单据编号',
    '订单号',
    '订单编号',
    '单号',
    '销售单号',
    'erp单号',
    'order no',
    'order number',
    'reference',
    'external ref',
  ]),
  f('lineNo', '行号', 'Line no.', ['明细行号', '分录号', '序号', 'line', 'line no', 'line number']),
  f('notes', '备注', 'Notes', ['说明', '摘要', 'remark', 'remarks', 'note']),
];

/** A field for each column from its header; each field at most once (the first column wins). */
export function suggestOrderMapping(headers: readonly string[]): Record<number, string | null> {
  const byName = new Map<string, string>();
  for (const field of orderImportFields) {
    for (const name of [field.labelZh, field.labelEn, field.key, ...field.synonyms]) {
      const n = normalizeHeader(name);
      if (n && !byName.has(n)) byName.set(n, field.key);
    }
  }
  const used = new Set<string>();
  const out: Record<number, string | null> = {};
  headers.forEach((header, i) => {
    const key = byName.get(normalizeHeader(header)) ?? null;
    if (key && !used.has(key)) {
      used.add(key);
      out[i] = key;
    } else out[i] = null;
  });
  return out;
}

const channelLabels: Record<string, { zh: string; en: string; also: readonly string[] }> = {
  direct: { zh: '直销', en: 'Direct', also: ['直营', '直接销售', '自营'] },
  distributor: {
    zh: '经销商',
    en: 'Distributor',
    also: ['经销', '代理', '代理商', '分销', 'dealer', 'reseller'],
  },
  online: { zh: '线上', en: 'Online', also: ['网店', '电商', '网上', '在线', 'e-commerce', 'web'] },
  phone: { zh: '电话', en: 'Phone', also: ['电话订购', '电销', 'telephone'] },
  other: { zh: '其他', en: 'Other', also: ['其它'] },
};

const channelIndex = new Map<string, string>();
for (const [value, l] of Object.entries(channelLabels))
  for (const name of [value, l.zh, l.en, ...l.also]) channelIndex.set(normalizeHeader(name), value);

/** 经销 / 经销商 / Distributor / distributor → 'distributor'; null when unknown. */
export function parseChannelLabel(text: string): string | null {
  return channelIndex.get(normalizeHeader(text)) ?? null;
}

/** "直销/Direct, 经销商/Distributor, …" for error messages. */
export function channelChoices(lang: 'zh-CN' | 'en-US'): string {
  return Object.values(channelLabels)
    .map((l) => (lang === 'zh-CN' ? l.zh : l.en))
    .join(lang === 'zh-CN' ? '、' : ', ');
}

/**
 * The external reference an order line is stored under: the ERP's document number, with the line
 * number when the export has one (an order of three lines shares one document number).
 */
export function orderLineRef(ref: string, lineNo: string | null): string {
  return lineNo ? `${ref}/${lineNo}` : ref;
}
