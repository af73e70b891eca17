/**
 * Money is integer paise everywhere inside; rupees exist only at the HTTP edge.
 */

export const PAISE_PER_RUPEE = 100;
/** Rates are in basis points (1 bp = 0.01%) so that every share is integer arithmetic. */
export const BASIS_POINTS = 10_000;
/** The largest purchase accepted, in rupees (SPEC.md). */
export const MAX_PURCHASE_RUPEES = 1_000_000_000;

const PLAIN_DECIMAL = /^\d+(\.\d{1,2})?$/;

/**
 * Parses a rupee amount written as a plain decimal (`1500`, `1500.5`, `1500.50`) into paise.
 * Returns null for anything else: signs, exponents, spaces, more than 2 decimals, non-finite values.
 * A JSON number is read through its shortest decimal form, so `1500.5` works and `1e21` does not.
 */
export function parseRupeesToPaise(value: unknown): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return null;
    }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return null;
  }
  if (!PLAIN_DECIMAL.test(text)) {
    return null;
  }
  const [whole, fraction = ''] = text.split('.');
  const paise = Number(whole) * PAISE_PER_RUPEE + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(paise) ? paise : null;
}

/** Paise to a rupee number for JSON responses (the only place a fractional amount appears). */
export function paiseToRupees(paise: number): number {
  return paise / PAISE_PER_RUPEE;
}

/** `round_half_up(amountPaise × rate)`, computed in integers. Amounts are never negative here. */
export function shareOf(amountPaise: number, rateBasisPoints: number): number {
  return Math.floor((amountPaise * rateBasisPoints + BASIS_POINTS / 2) / BASIS_POINTS);
}

/** Paise as an exact rupee string with two decimals (`-50.07`), for text formats such as CSV. */
export function formatRupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const absolute = Math.abs(paise);
  return `${sign}${Math.floor(absolute / PAISE_PER_RUPEE)}.${String(absolute % PAISE_PER_RUPEE).padStart(2, '0')}`;
}
