/** What an API key may do. Names appear in the API_KEYS setting: never rename one without telling operators. */
export enum Scope {
  /** Everything, including every user's data and the audit log. */
  Admin = 'admin',
  /** Only `POST /purchase`: for a shop's backend. */
  PurchasesWrite = 'purchases:write',
}

export const SCOPES: readonly Scope[] = Object.values(Scope);

export const isScope = (value: unknown): value is Scope => SCOPES.includes(value as Scope);
