import { describe, expect, it } from 'vitest';
import { channelChoices, orderLineRef, parseChannelLabel, suggestOrderMapping } from './order-import';

describe('suggestOrderMapping', () => {
  it('recognises the headers ERP exports use, in Chinese and English', () => {
    expect(
      suggestOrderMapping([
        '单据日期',
        '购货单位',
        '税号',
        '存货编码',
        '存货名称',
        '数量',
        '价税合计',
        '单据编号',
        '行号',
        '摘要',
        '仓库',
      ]),
    ).toEqual({
      0: 'orderedOn',
      1: 'customerName',
      2: 'creditCode',
      3: 'productCode',
      4: 'productName',
      5: 'quantity',
      6: 'amount',
      7: 'externalRef',
      8: 'lineNo',
      9: 'notes',
      10: null,
    });
    expect(suggestOrderMapping(['Order date', 'Customer', 'SKU', 'Qty', 'Amount (CNY)', 'Channel'])).toEqual({
      0: 'orderedOn',
      1: 'customerName',
      2: 'productCode',
      3: 'quantity',
      4: 'amount',
      5: 'channel',
    });
  });

  it('maps each field once: the first matching column wins', () => {
    expect(suggestOrderMapping(['金额', '销售金额', '＊金额（元）'])).toEqual({
      0: 'amount',
      1: null,
      2: null,
    });
  });
});

describe('channels', () => {
  it('reads labels in either language and their usual variants', () => {
    expect(parseChannelLabel('经销')).toBe('distributor');
    expect(parseChannelLabel(' Distributor ')).toBe('distributor');
    expect(parseChannelLabel('电商')).toBe('online');
    expect(parseChannelLabel('直销')).toBe('direct');
    expect(parseChannelLabel('传真')).toBeNull();
    expect(channelChoices('zh-CN')).toBe('直销、经销商、线上、电话、其他');
  });
  it('line references combine the document number and the line number', () => {
    expect(orderLineRef('XS-2026-001', '2')).toBe('XS-2026-001/2');
    expect(orderLineRef('XS-2026-001', null)).toBe('XS-2026-001');
  });
});
