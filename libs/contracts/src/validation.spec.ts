import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateUserRequest, NAME_MAX_LENGTH } from './referrals.payloads';
import { codePointLength } from './validation';

const errorsFor = (name: unknown): string[] =>
  validateSync(plainToInstance(CreateUserRequest, { name })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsUserName', () => {
  it('counts code points, as PostgreSQL does: a variation selector is one', () => {
    expect(codePointLength('a\uFE0F')).toBe(2);
    expect(codePointLength('😀')).toBe(1);
    expect(errorsFor('a\uFE0F'.repeat(50))).toEqual([]);
    expect(errorsFor('a\uFE0F'.repeat(100))).toEqual([
      `name must be 1 to ${NAME_MAX_LENGTH} characters (code points) after trimming`,
    ]);
    expect(errorsFor('😀'.repeat(NAME_MAX_LENGTH))).toEqual([]);
    expect(errorsFor('😀'.repeat(NAME_MAX_LENGTH + 1))).toHaveLength(1);
  });

  it('refuses control characters and unpaired surrogates, and allows joiners and marks', () => {
    for (const name of ['a\u0000b', 'a\nb', 'tab\there', '\u001b[31mred', 'a\u007fb', 'a\u0085b', 'a\uD800b']) {
      expect(errorsFor(name)).toEqual(['name must not contain control characters']);
    }
    for (const name of ['👩‍👩‍👧', 'é', 'Zoë', 'नमस्ते', '  Alice  ']) {
      expect(errorsFor(name)).toEqual([]);
    }
  });

  it('refuses an empty name after trimming and a name that is not a string', () => {
    expect(errorsFor('   ')).toHaveLength(1);
    expect(errorsFor(42)).toContain('name is required and must be a string');
  });
});
