import { MAX_PURCHASE_RUPEES, parseRupeesToPaise } from '@app/contracts';
import { ValidateBy } from 'class-validator';

/** A positive amount of rupees with at most 2 decimals, at most ₹1,000,000,000, in plain decimal notation. */
export const IsRupeeAmount = (): PropertyDecorator =>
  ValidateBy({
    name: 'isRupeeAmount',
    validator: {
      validate: (value: unknown) => {
        const paise = parseRupeesToPaise(value);
        return paise !== null && paise > 0 && paise <= MAX_PURCHASE_RUPEES * 100;
      },
      defaultMessage: () =>
        `amount must be a positive number of rupees with at most 2 decimals, at most ${MAX_PURCHASE_RUPEES}`,
    },
  });
