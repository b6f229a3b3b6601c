import { creditCodeCheckChar } from '@weixi/domain';
import type { Harness, Session } from './harness';

let n = 0;

/** A valid unified social credit code, different on every call. */
export function creditCode(): string {
  n += 1;
  const body = `913302${String(Date.now() % 1e6).padStart(6, '0')}${String(n).padStart(5, '0')}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

export async function createCustomer(h: Harness, as: Session, body: Record<string, unknown>) {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/customers',
    as,
    payload: { confirmDuplicates: true, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create customer failed: ${res.statusCode} ${res.body}`);
  return res.json<{
    id: string;
    version: number;
    name: string;
    contacts: { id: string; version: number }[];
  }>();
}
