import fc from 'fast-check';
import { BASIS_POINTS, formatRupees, MAX_PURCHASE_RUPEES, parseRupeesToPaise, shareOf } from './money';

const amountPaise = fc.integer({ min: 1, max: MAX_PURCHASE_RUPEES * 100 });
const rate = fc.integer({ min: 0, max: BASIS_POINTS });

describe('money rules, for any amount', () => {
  it('rounds every share half up, exactly as the arbitrary-precision reference does', () => {
    fc.assert(
      fc.property(amountPaise, rate, (paise, bp) => {
        const exact = BigInt(paise) * BigInt(bp);
        const reference = Number((2n * exact + BigInt(BASIS_POINTS)) / (2n * BigInt(BASIS_POINTS)));
        expect(shareOf(paise, bp)).toBe(reference);
      }),
    );
  });

  it('never pays a share more than half a paisa away from the exact product', () => {
    fc.assert(
      fc.property(amountPaise, rate, (paise, bp) => {
        const error = BigInt(shareOf(paise, bp)) * BigInt(BASIS_POINTS) - BigInt(paise) * BigInt(bp);
        expect(error <= BigInt(BASIS_POINTS / 2) && error > -BigInt(BASIS_POINTS / 2)).toBe(true);
      }),
    );
  });

  it('reads back every amount it writes', () => {
    fc.assert(fc.property(amountPaise, (paise) => expect(parseRupeesToPaise(formatRupees(paise))).toBe(paise)));
  });

  it('refuses every string that is not a plain decimal with at most two places', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const paise = parseRupeesToPaise(text);
        expect(paise === null || /^\d+(\.\d{1,2})?$/.test(text)).toBe(true);
      }),
    );
  });
});
