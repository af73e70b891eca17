/** Every endpoint of SPEC.md, written as OpenAPI writes paths: what the API documentation must describe. */
export const SPEC_ENDPOINTS: [method: 'get' | 'post' | 'patch', path: string][] = [
  ['post', '/user'],
  ['post', '/refer'],
  ['post', '/purchase'],
  ['get', '/referrals/{user_id}'],
  ['get', '/earnings/{user_id}'],
  ['get', '/events/{user_id}'],
  ['patch', '/user/{user_id}/deactivate'],
  ['patch', '/user/{user_id}/reactivate'],
  ['get', '/leaderboard'],
];
