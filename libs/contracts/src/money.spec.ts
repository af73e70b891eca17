import { formatRupees, MAX_PURCHASE_RUPEES, paiseToRupees, parseRupeesToPaise, shareOf } from './money';

describe(parseRupeesToPaise.name, () => {
  it.each([
    ['1500', 150_000],
    ['1500.5', 150_050],
    ['1500.50', 150_050],
    ['0.01', 1],
    ['999.99', 99_999],
    ['1001.30', 100_130],
    [1500.5, 150_050],
    [1001.3, 100_130],
    [MAX_PURCHASE_RUPEES, MAX_PURCHASE_RUPEES * 100],
  ])('reads %p as %p paise', (input, paise) => {
    expect(parseRupeesToPaise(input)).toBe(paise);
  });

  it.each([
    '-1',
    '+1',
    ' 1',
    '1 ',
    '1e3',
    'abc',
    '',
    '10.123',
    '.5',
    '5.',
    'NaN',
    'Infinity',
    '1e400',
    NaN,
    Infinity,
    -Infinity,
    -1,
    1e21,
    10.123,
    null,
    undefined,
    true,
    {},
  ])('refuses %p', (input) => {
    expect(parseRupeesToPaise(input)).toBeNull();
  });
});

describe(shareOf.name, () => {
  it('rounds half up to the paisa: 1001.30 pays 50.07 at 5% and 10.01 at 1%', () => {
    expect(shareOf(100_130, 500)).toBe(5_007);
    expect(shareOf(100_130, 100)).toBe(1_001);
  });

  it('rounds an exact half up and below half down', () => {
    expect(shareOf(10, 500)).toBe(1); // 0.5 paisa
    expect(shareOf(9, 500)).toBe(0); // 0.45 paisa
    expect(shareOf(1, 500)).toBe(0);
  });

  it('pays 5% and 1% of 1500 exactly', () => {
    expect(shareOf(150_000, 500)).toBe(7_500);
    expect(shareOf(150_000, 100)).toBe(1_500);
  });

  it('stays exact at the largest purchase', () => {
    const paise = MAX_PURCHASE_RUPEES * 100;
    expect(shareOf(paise, 500)).toBe(5_000_000_000);
    expect(shareOf(99_999, 500)).toBe(5_000);
  });
});

describe(paiseToRupees.name, () => {
  it('converts at the edge only', () => {
    expect(paiseToRupees(5_007)).toBe(50.07);
    expect(paiseToRupees(1)).toBe(0.01);
  });
});

describe(formatRupees.name, () => {
  it.each([
    [0, '0.00'],
    [5_007, '50.07'],
    [-5_007, '-50.07'],
    [1, '0.01'],
    [-1, '-0.01'],
    [100_000_000_000, '1000000000.00'],
  ])('writes %p paise as %p', (paise, text) => {
    expect(formatRupees(paise)).toBe(text);
  });
});
