import { ErrorCode } from '@app/contracts';
import { resumePoint } from './last-event-id';

describe(resumePoint.name, () => {
  it('is undefined for a new client (no header, an empty one, no query)', () => {
    expect(resumePoint(undefined, undefined)).toBeUndefined();
    expect(resumePoint('', undefined)).toBeUndefined();
    expect(resumePoint('', '')).toBeUndefined();
  });

  it('reads the header, else the query parameter', () => {
    expect(resumePoint('42', undefined)).toBe(42);
    expect(resumePoint(undefined, '7')).toBe(7);
    expect(resumePoint('', '7')).toBe(7);
    expect(resumePoint('0', undefined)).toBe(0);
  });

  it('prefers the header: a browser reconnecting keeps its first URL but sends the newest id', () => {
    expect(resumePoint('50', '7')).toBe(50);
  });

  it.each(['abc', '-1', '1.5', '1e3', ' 4', '2147483648', '99999999999'])('refuses %p as VALIDATION.FAILED', (bad) => {
    expect(() => resumePoint(bad, undefined)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
    expect(() => resumePoint(undefined, bad)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
  });

  it('refuses a repeated query parameter', () => {
    expect(() => resumePoint(undefined, ['1', '2'])).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
  });
});
