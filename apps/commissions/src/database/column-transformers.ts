/** PostgreSQL returns BIGINT as a string; amounts in paise fit a JS number exactly (at most 10^11). */
export const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };
