import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  normalizeCreditCode,
} from './credit-code';

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body17 = fc
  .tuple(
    fc.constantFrom(...'159Y'),
    fc.constantFrom(...'123'),
    fc.stringMatching(/^\d{6}$/),
    fc.array(fc.constantFrom(...alphabet), { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, div, rest]) => `${a}${b}${div}${rest.join('')}`);

describe('unified social credit code (GB 32100)', () => {
  it('accepts real published codes', () => {
    for (const code of [
      '91350100M000100Y43',
      '911100001000079554',
      '91110000802100433B',
      '91440300708461136T',
    ]) {
      expect(creditCodeProblem(code), code).toBeNull();
    }
  });

  it('says what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('characters'); // I is not in the alphabet
    expect(creditCodeProblem('9135A100M000100Y43')).toBe('division');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checksum');
  });

  it('normalises what people paste: spaces, dashes, lower case, full width', () => {
    expect(normalizeCreditCode(' 9135 0100-m000 100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it('property: a generated code is valid, and any single changed character is caught', () => {
    fc.assert(
      fc.property(body17, fc.nat({ max: 17 }), fc.nat({ max: 30 }), (body, pos, shift) => {
        const code = body + creditCodeCheckChar(body);
        expect(isValidCreditCode(code)).toBe(true);
        const i = alphabet.indexOf(code[pos]!);
        const replacement = alphabet[(i + 1 + (shift % 30)) % 31]!;
        const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });
});
