import {
	describeLengthLimitedFields,
	describeWholeNumbers,
	expectLeftOut,
	sendSigned,
	withRaw,
} from '../helpers/schemaEdges';
import { discollabKit } from './kit';
import examples from './examples.json';

const send = (body: string) => sendSigned(discollabKit, body);

describeLengthLimitedFields(discollabKit, [['serverVote', 'username', 'optional']]);
describeWholeNumbers(discollabKit, [['serverVote', 'times_voted', 'totalVotes']], []);

describe('Discollab voted_on and the required ids', () => {
	const withoutUser = JSON.stringify({
		...JSON.parse(examples.olderServerVote),
		user_id: undefined,
	});

	it('names the limit a number out of range breaks, and still names a missing user_id', async () => {
		const answer = await send(withRaw(withoutUser, 'voted_on', '-1'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(
			/voted_on: Too small: expected number to be >=0; user_id: Required$/,
		);
	});

	it('leaves out a voted_on string too long, naming the limit in the log', async () => {
		const answer = await send(
			withRaw(examples.olderServerVote, 'voted_on', JSON.stringify('9'.repeat(65))),
		);
		expectLeftOut(answer, 'voted_on');
		expect(answer.logs.join('\n')).toMatch(
			/voted_on: Too big: expected string to have <=64 characters/,
		);
	});

	it('leaves out a voted_on of any other type as "Invalid input"', async () => {
		const answer = await send(withRaw(examples.olderServerVote, 'voted_on', 'true'));
		expectLeftOut(answer, 'voted_on');
		expect(answer.logs.join('\n')).toMatch(/voted_on: Invalid input$/);
	});

	it('does not call a malformed id missing', async () => {
		const answer = await send(withRaw(examples.olderServerVote, 'guild_id', '"12ab"'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toBe(
			'Invalid payload: guild_id: Expected a Discord id: a string of digits',
		);
	});
});
