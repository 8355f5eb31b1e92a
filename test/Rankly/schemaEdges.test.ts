import { describeLengthLimitedFields } from '../helpers/schemaEdges';
import { ranklyKit } from './kit';

describeLengthLimitedFields(ranklyKit, [
	['botVote', 'voter.username', 'optional'],
	['premiumPurchase', 'tier.id', 'optional'],
]);
