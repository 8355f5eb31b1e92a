import {
	describeLengthLimitedFields,
	describeWholeNumbers,
	sendSigned,
} from '../helpers/schemaEdges';
import { boticordKit } from './kit';

const send = (body: string) => sendSigned(boticordKit, body);

describeLengthLimitedFields(boticordKit, [
	['botCommentEdited', 'data.comment.new', 'optional'],
	['testMessage', 'data.user', 'optional'],
]);
describeWholeNumbers(
	boticordKit,
	[['upAdded', 'payload.upCount', 'totalVotes']],
	[['upAdded', 'payload.upCount', 'optional']],
);

describe('the Boticord test message', () => {
	it('takes nothing from a __proto__ key inside data', async () => {
		const body =
			'{"type":"test_webhook_message","data":{"__proto__":{"user":{"not":"a string"},"at":"not a number"}}}';
		const answer = await send(body);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({ event: 'test', userId: null });
		expect(answer.items[0].occurredAt).toBe(answer.items[0].receivedAt);
	});

	it('still accepts unknown keys inside data', async () => {
		const answer = await send(
			'{"type":"test_webhook_message","data":{"user":"1","extra":{"a":1}}}',
		);
		expect(answer.status).toBe(200);
		expect(answer.items[0].userId).toBe('1');
	});
});
