import type { ApiList } from '../shared/api/description';

/**
 * Boticord's v3 API as the official boticordpy SDK calls it (boticordpy/http.py): POST /bots/{id}/stats with
 * {servers, shards, members} and the bare token in Authorization. It has no vote endpoint.
 */
export const apiList: ApiList = { name: 'Boticord', platform: 'boticord' };
