/** What the screenshots show: a small tree, and purchases when the running gateway records them. */
export interface DemoData {
  /** The user whose pages are photographed. */
  rootId: number;
  /** A direct referral of the root, for a purchase made through the dashboard's form. */
  buyerId: number;
  /** False while `POST /purchase` is not available: the pages then show no credits. */
  purchasesRecorded: boolean;
}

type Query = Record<string, string | number>;

type Call = (method: string, path: string, query?: Query) => Promise<Response>;

/** Calls the gateway with the admin key. */
const caller =
  (baseUrl: string, adminKey: string): Call =>
  async (method, path, query = {}) => {
    const url = new URL(path, baseUrl);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, String(value));
    }
    return fetch(url, { method, headers: { authorization: `Bearer ${adminKey}` } });
  };

async function expectOk(response: Response, what: string): Promise<unknown> {
  const body: unknown = await response.json();
  if (!response.ok) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body;
}

/**
 * Asha refers Bala, Chitra and Dev; Bala refers Esha and Farid; Chitra refers Gita. Dev and Farid are inactive.
 * Then a few purchases, if the gateway takes them (it answers 404 for the route before commissions exist).
 */
export async function seedDemo(baseUrl: string, adminKey: string): Promise<DemoData> {
  const call = caller(baseUrl, adminKey);
  const ids = new Map<string, number>();
  for (const name of ['Asha', 'Bala', 'Chitra', 'Dev', 'Esha', 'Farid', 'Gita']) {
    const body = (await expectOk(await call('POST', '/user', { name }), `create ${name}`)) as {
      user_id: number;
    };
    ids.set(name, body.user_id);
  }
  const id = (name: string): number => ids.get(name) ?? 0;
  const referrals: [string, string][] = [
    ['Asha', 'Bala'],
    ['Asha', 'Chitra'],
    ['Asha', 'Dev'],
    ['Bala', 'Esha'],
    ['Bala', 'Farid'],
    ['Chitra', 'Gita'],
  ];
  for (const [referrer, user] of referrals) {
    await expectOk(await call('POST', '/refer', { referrer_id: id(referrer), user_id: id(user) }), `refer ${user}`);
  }
  for (const name of ['Dev', 'Farid']) {
    await expectOk(await call('PATCH', `/user/${id(name)}/deactivate`), `deactivate ${name}`);
  }

  const purchases: [string, string][] = [
    ['Bala', '8000'],
    ['Esha', '2400'],
    ['Chitra', '1200'],
    ['Gita', '5000'],
    ['Farid', '999'],
  ];
  let purchasesRecorded = true;
  for (const [buyer, amount] of purchases) {
    const response = await call('POST', '/purchase', { buyer_id: id(buyer), amount });
    if (response.status === 404) {
      console.warn('POST /purchase is not available yet: the screenshots show no credits.');
      purchasesRecorded = false;
      break;
    }
    await expectOk(response, `purchase by ${buyer}`);
  }
  return { rootId: id('Asha'), buyerId: id('Bala'), purchasesRecorded };
}
