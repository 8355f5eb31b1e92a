import { describeLengthLimitedFields, describeWholeNumbers } from '../helpers/schemaEdges';
import { diffcordKit } from './kit';

describeLengthLimitedFields(diffcordKit, [['vote', 'vote_id', 'required']]);
describeWholeNumbers(
	diffcordKit,
	[['vote', 'monthly_votes', 'monthlyVotes']],
	[['vote', 'monthly_votes', 'optional']],
);
