import type { InsertResult } from 'typeorm';

/** The generated id of a single-row insert. */
export async function insertedId(insert: Promise<InsertResult>): Promise<number> {
  const { identifiers } = await insert;
  return Number((identifiers[0] as { id: number }).id);
}
