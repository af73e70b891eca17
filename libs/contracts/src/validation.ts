import { plainToInstance, Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, validateSync, ValidateBy } from 'class-validator';

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

/**
 * Code points: how SPEC.md counts a name, and how PostgreSQL counts `varchar(n)`. (class-validator's `Length`
 * skips variation selectors, so `'a\uFE0F'` × 100 passed as 100 and was 200 in the database.)
 */
export const codePointLength = (text: string): number => [...text].length;

/** C0 and C1 controls (NUL, newlines, escapes…) and unpaired surrogates, which no database stores faithfully. */
const CONTROL_CHARACTER = /[\p{Cc}\p{Cs}]/u;

/**
 * A user's name after trimming: a string of 1 to `max` code points without control characters. Format
 * characters such as the zero-width joiner stay allowed: emoji sequences need them.
 */
export function IsUserName(max: number): PropertyDecorator {
  const lengthRule = ValidateBy({
    name: 'userNameLength',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && codePointLength(value) >= 1 && codePointLength(value) <= max,
      defaultMessage: () => `name must be 1 to ${max} characters (code points) after trimming`,
    },
  });
  const controlRule = ValidateBy({
    name: 'userNameCharacters',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !CONTROL_CHARACTER.test(value),
      defaultMessage: () => 'name must not contain control characters',
    },
  });
  return (target: object, key: string | symbol) => {
    IsString({ message: 'name is required and must be a string' })(target, key);
    lengthRule(target, key);
    controlRule(target, key);
  };
}

/** A message's JSON as an instance of `schema` if it parses and passes the schema's validation; null if not. */
export function decodeMessage<T extends object>(schema: new () => T, json: string): T | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const message = plainToInstance(schema, value);
  return validateSync(message, { stopAtFirstError: true }).length === 0 ? message : null;
}
