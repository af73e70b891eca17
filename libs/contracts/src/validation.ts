import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Largest id: ids are positive integers below 2^31 (SPEC.md). */
export const MAX_ID = 2 ** 31 - 1;

/**
 * A positive integer id below 2^31, given as a JSON number or a decimal string of digits.
 * `abc`, `1.5`, `0`, `-1`, `1e3` and ids beyond the range fail validation.
 */
export function IsId(): PropertyDecorator {
  const toNumber = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value,
  );
  return (target: object, key: string | symbol) => {
    toNumber(target, key);
    IsInt({ message: `${String(key)} must be a positive integer id` })(target, key);
    Min(1, { message: `${String(key)} must be a positive integer id` })(target, key);
    Max(MAX_ID, { message: `${String(key)} must be below 2^31` })(target, key);
  };
}

/** Trims a string before it is validated and stored. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
