import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { CustomFieldDefinitionRow } from '@weixi/db';
import { type EnumField, enumLabel, regionName, standardImportFields } from '@weixi/domain';
import type { Customer, ExportCustomersQuery, ListCustomersQuery } from '@weixi/shared';
import iconv from 'iconv-lite';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan, seesContactDetails } from '../customers.policy';
import { presentCustomer } from '../customers.presenter';
import {
  type CursorValues,
  type CustomerSort,
  listCustomers as listCustomerRows,
  listCustomFields,
} from '../customers.repository';
import { csvLine } from './import-rejections';
import { toCustomerFilter } from './list-customers';

type Lang = 'zh-CN' | 'en-US';
type Value = string | number | Date | null;

interface Column {
  key: string;
  zh: string;
  en: string;
  width: number;
  date?: boolean;
  value: (c: Customer, lang: Lang) => Value;
}

const label = (key: string) => {
  const f = standardImportFields.find((x) => x.key === key)!;
  return { zh: f.labelZh, en: f.labelEn };
};
const text = (key: string, width: number, value: (c: Customer) => Value): Column => ({
  key,
  ...label(key),
  width,
  value,
});
const enumCol = (key: EnumField & keyof Customer, width = 10): Column => ({
  key,
  ...label(key),
  width,
  value: (c, lang) => enumLabel(key, c[key] as string | null, lang),
});
// Municipalities have a 市辖区 level that nobody writes; an empty city re-imports correctly.
const level = (code: string | null) => {
  const name = regionName(code);
  return name === '市辖区' || name === '县' ? '' : (name ?? '');
};
const isoDate = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

function timestamp(tz: string) {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' });
  return (s: string | null) => (s ? fmt.format(new Date(s)) : '');
}

/** Every standard field, with the headers the import recognises, so an export re-imports as is. */
function standardColumns(tz: string): Column[] {
  const ts = timestamp(tz);
  return [
    text('name', 36, (c) => c.name),
    text('shortName', 14, (c) => c.shortName),
    enumCol('kind', 8),
    text('creditCode', 22, (c) => c.creditCode),
    text('industry', 14, (c) => c.industry),
    enumCol('scale', 8),
    text('province', 12, (c) => level(c.provinceCode)),
    text('city', 12, (c) => level(c.cityCode)),
    text('district', 12, (c) => level(c.districtCode)),
    text('address', 30, (c) => c.address),
    text('latitude', 10, (c) => c.latitude),
    text('longitude', 10, (c) => c.longitude),
    text('phone', 16, (c) => c.phone),
    text('email', 24, (c) => c.email),
    text('wechat', 14, (c) => c.wechat),
    text('website', 24, (c) => c.website),
    enumCol('source'),
    { ...text('foundedOn', 12, (c) => isoDate(c.foundedOn)), date: true },
    { ...text('signedOn', 12, (c) => isoDate(c.signedOn)), date: true },
    text('tags', 20, (c) => c.tags.join('，')),
    text('preferences', 30, (c) => c.preferences),
    text('owner', 12, (c) => c.owner?.name ?? ''),
    {
      key: 'collaborators',
      zh: '协作人',
      en: 'Collaborators',
      width: 16,
      value: (c) => c.collaborators.map((u) => u.name).join('，'),
    },
    enumCol('category'),
    enumCol('grade', 8),
    enumCol('valueTier'),
    enumCol('lifecycle'),
    {
      key: 'status',
      zh: '状态',
      en: 'Status',
      width: 8,
      value: (c, lang) => enumLabel('status', c.status, lang),
    },
    {
      key: 'invalidReason',
      zh: '注销原因',
      en: 'Invalidation reason',
      width: 20,
      value: (c) => c.invalidReason,
    },
    { key: 'verifiedAt', zh: '最近核实', en: 'Last verified', width: 17, value: (c) => ts(c.verifiedAt) },
    { key: 'verifiedBy', zh: '核实人', en: 'Verified by', width: 10, value: (c) => c.verifiedBy?.name ?? '' },
    { key: 'createdAt', zh: '创建时间', en: 'Created', width: 17, value: (c) => ts(c.createdAt) },
    { key: 'updatedAt', zh: '更新时间', en: 'Updated', width: 17, value: (c) => ts(c.updatedAt) },
  ];
}

/** Active custom fields, after the standard ones; select values are written as their labels. */
function customColumns(defs: CustomFieldDefinitionRow[]): Column[] {
  return defs.map((d) => {
    const optionLabel = (v: unknown, lang: Lang) => {
      const o = d.options.find((x) => x.value === v);
      return o ? (lang === 'zh-CN' ? o.labelZh : o.labelEn) : String(v);
    };
    return {
      key: `custom.${d.key}`,
      zh: d.label_zh,
      en: d.label_en,
      width: 14,
      date: d.type === 'date',
      value: (c: Customer, lang: Lang): Value => {
        const v = c.custom[d.key];
        if (v === null || v === undefined) return null;
        if (d.type === 'boolean')
          return v ? (lang === 'zh-CN' ? '是' : 'Yes') : lang === 'zh-CN' ? '否' : 'No';
        if (d.type === 'date') return typeof v === 'string' ? isoDate(v) : null;
        if (d.type === 'number') return typeof v === 'number' ? v : String(v);
        if (d.type === 'single_select') return optionLabel(v, lang);
        if (d.type === 'multi_select' && Array.isArray(v))
          return v.map((x) => optionLabel(x, lang)).join('，');
        return String(v);
      },
    };
  });
}

export interface ExportResult {
  fileName: string;
  contentType: string;
  body: Readable;
}

/**
 * The whole filtered list in the caller's scope, streamed: keyset pages of `pageSize` rows are read
 * through the list's own repository query and written out before the next is read, waiting while
 * the client is slower than the database, so memory stays flat for a million rows. Values go
 * through the list's presenter, so masking is exactly the list's. One audit entry at the end.
 */
export async function exportCustomers(
  ctx: Ctx,
  input: ExportCustomersQuery,
  pageSize = 1000,
): Promise<ExportResult> {
  assertCan(ctx.actor, 'export');
  const filter = await toCustomerFilter(ctx, { ...input, limit: pageSize } as ListCustomersQuery);
  // Id order by default: unlike updated_at it cannot move under the cursor while the export runs.
  const sort: CustomerSort = input.sort ?? (filter.q ? 'relevance' : 'createdAt');
  if (sort === 'relevance' && !filter.q)
    throw fieldError('query.sort', 'needs_q', 'relevance sorting needs a search term (q)');
  const lang: Lang = input.lang ?? (ctx.actor.locale === 'en-US' ? 'en-US' : 'zh-CN');
  const columns = [
    ...standardColumns(ctx.config.TZ_BUSINESS),
    ...customColumns(await listCustomFields(ctx.db, 'customer', true)),
  ];
  const scope = await ctx.scope();
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.config.TZ_BUSINESS }).format(ctx.clock.now());
  const fileName = `${lang === 'zh-CN' ? '客户档案' : 'customers'}-${day}.${input.format}`;
  let count = 0;

  async function* pages(): AsyncGenerator<Value[][]> {
    let after: CursorValues | null = null;
    for (;;) {
      const { rows } = await listCustomerRows(ctx.db, scope, filter, sort, pageSize, after);
      const page = rows.slice(0, pageSize);
      yield page.map((r) => {
        const c = presentCustomer(r, seesContactDetails(ctx.actor, r));
        return columns.map((col) => col.value(c, lang));
      });
      count += page.length;
      const last = page.at(-1);
      if (rows.length <= pageSize || !last) return;
      after =
        sort === 'relevance'
          ? [String(last.rank), last.name, last.id]
          : sort === 'name' || sort === '-name'
            ? [last.name, last.id]
            : sort === 'updatedAt' || sort === '-updatedAt'
              ? [new Date(last.updated_at).toISOString(), last.id]
              : [last.id];
    }
  }

  const audit = (completed: boolean) =>
    recordAudit(ctx, {
      action: 'customer.export',
      entity: 'customer',
      entityId: null,
      after: { filter: { ...input }, format: input.format, rows: count, completed },
    });

  if (input.format === 'csv') {
    const gb = input.encoding === 'gb18030';
    async function* lines() {
      // The byte-order mark tells Excel the file is UTF-8; GB18030 files have none.
      let completed = false;
      try {
        yield `${gb ? '' : '\uFEFF'}${csvLine(columns.map((c) => (lang === 'zh-CN' ? c.zh : c.en)))}`;
        for await (const page of pages()) {
          yield page
            .map((values) =>
              csvLine(
                values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))),
              ),
            )
            .join('');
        }
        completed = true;
      } finally {
        await audit(completed);
      }
    }
    // Whole lines are encoded one chunk at a time: no character is ever split between chunks.
    async function* bytes() {
      for await (const text of lines()) yield gb ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    }
    const body = Readable.from(bytes(), { objectMode: false });
    return { fileName, contentType: `text/csv; charset=${gb ? 'gb18030' : 'utf-8'}`, body };
  }

  const out = new PassThrough();
  void (async () => {
    try {
      // Loaded on first use, not at every start (see import/xlsx.ts).
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const ws = wb.addWorksheet(lang === 'zh-CN' ? '客户档案' : 'Customers', {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      ws.columns = columns.map((c) => ({
        header: lang === 'zh-CN' ? c.zh : c.en,
        key: c.key,
        width: c.width,
        ...(c.date ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
      }));
      for await (const page of pages()) {
        for (const values of page) ws.addRow(values).commit();
        // Wait for a slow client instead of buffering the next pages in memory.
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        if (out.destroyed) throw new Error('client went away');
      }
      ws.commit();
      await wb.commit();
      await audit(true);
    } catch (err) {
      await audit(false).catch(() => undefined);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: out,
  };
}
