import type { ApiClient } from './api-client';

export interface Family {
  grandparent: number;
  parent: number;
  buyer: number;
}

/** A chain grandparent → parent → buyer: a purchase by the buyer pays the parent (level 1) and grandparent (level 2). */
export async function createFamily(api: ApiClient): Promise<Family> {
  const grandparent = await api.createUser('Grandparent');
  const parent = await api.createUser('Parent');
  const buyer = await api.createUser('Buyer');
  await api.refer(grandparent, parent);
  await api.refer(parent, buyer);
  return { grandparent, parent, buyer };
}
