import { z } from 'zod/v4';
import { answerTo } from '../shared/api/description';
import { botIdOrNull, postedItem, sentStats } from '../shared/api/items';

/**
 * Boticord's v3 API as the official boticordpy SDK calls it (boticordpy/http.py): POST /bots/{id}/stats with
 * {servers, shards, members} and the bare token in Authorization. It has no vote endpoint.
 */

const LIST = 'Boticord';
const PLATFORM = 'boticord';

/** Any 2xx body is kept in `raw`. */
export const posted = answerTo(LIST, z.unknown(), function (body) {
	return [postedItem(PLATFORM, botIdOrNull(this), sentStats(this), body ?? null)];
});
