import type { IDataObject } from 'n8n-workflow';
import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { boticordKit } from './kit';
import { expectLeftOut } from '../helpers/schemaEdges';
import { node, hookKey, credentials, signed, retyped, changed, user } from './send';

describe('Boticord Trigger', () => {
	it.each([
		['X-Hook-Key', { 'X-Hook-Key': hookKey }],
		['Authorization', { Authorization: hookKey }],
	])('accepts the key in %s', async (_header, headers) => {
		const answer = await signed(examples.botBump, headers);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
	});

	it.each([
		['no key header', {}],
		['a wrong X-Hook-Key', { 'X-Hook-Key': 'not-the-key' }],
		['a wrong Authorization', { Authorization: 'not-the-key' }],
		['the key in another case', { 'X-Hook-Key': hookKey.toUpperCase() }],
		['a prefix of the key', { 'X-Hook-Key': hookKey.slice(0, -1) }],
		['an empty X-Hook-Key', { 'X-Hook-Key': '' }],
	])('refuses %s with 401 and starts nothing', async (_case, headers) => {
		const answer = await signed(examples.botBump, headers);
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(/X-Hook-Key/);
		expect(answer.items).toHaveLength(0);
		expect(leaked(answer, [hookKey])).toEqual([]);
	});

	it.each([
		['empty', { hookKey: '' }],
		['whitespace only', { hookKey: ' \t ' }],
		['absent', {}],
	])('fails closed when the hook key is %s', async (_case, badCredentials) => {
		for (const key of ['', ' ', 'anything']) {
			const answer = await deliver(node, {
				headers: { 'X-Hook-Key': key, Authorization: key },
				body: examples.botBump,
				credentials: badCredentials,
			});
			expect(answer.status).toBe(500);
			expect(answer.json.error).toMatch(/Boticord credential has no hook key set/);
			expect(answer.items).toHaveLength(0);
		}
	});

	it('answers 500 when no credential is selected in the node', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Hook-Key': hookKey },
			body: examples.botBump,
		});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toMatch(/No Boticord credential is selected/);
		expect(answer.items).toHaveLength(0);
	});

	it.each([
		[
			'an unknown type',
			retyped(examples.botBump, 'new_bot_vote'),
			/type: unknown event type "new_bot_vote"/,
		],
		[
			'no type',
			changed(examples.botBump, { type: undefined }),
			/type: unknown event type undefined/,
		],
		[
			'data.user as a JSON number',
			changed(examples.botBump, { data: { user: 178404926869733376, at: 1631789378024 } }),
			/data\.user: Invalid input: expected string, received number/,
		],
		[
			'data.at missing',
			changed(examples.botBump, { data: { user } }),
			/data\.at: Invalid input: expected number, received undefined/,
		],
		[
			'a v3 user as a JSON number',
			changed(examples.upAdded, { user: 178404926869733376 }),
			/user: Invalid input: expected string, received number/,
		],
	])('answers 400 naming the field for %s', async (_case, body, message) => {
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	it('emits a comment whose rating is text, the rating left out and logged', async () => {
		const answer = await signed(
			changed(examples.commentAdded, { payload: { content: 'x', rating: 'five' } }),
		);
		expectLeftOut(answer, 'payload.rating');
		expect(answer.items[0]).toMatchObject({
			event: 'comment_created',
			commentText: 'x',
			commentRating: null,
		});
	});

	it.each([
		['a JSON array', '[{"type":"new_bot_bump"}]', /Body must be a JSON object/],
		['a JSON string', '"new_bot_bump"', /Body must be a JSON object/],
		['invalid JSON', '{"type":"new_bot_bump",', /Body is not valid JSON/],
	])('answers 400 when the body is %s', async (_case, body, message) => {
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	describe('with Trigger On and the options', () => {
		const withOptions = (body: string, options: IDataObject, parameters?: IDataObject) =>
			deliver(node, { headers: { 'X-Hook-Key': hookKey }, body, credentials, options, parameters });
		const triggeredOn = (body: string, events: string[]) => withOptions(body, {}, { events });

		it.each([
			['a legacy bump', examples.botBump],
			['a v3 up_added', examples.upAdded],
		])('lets %s through when only votes are selected', async (_case, body) => {
			const answer = await triggeredOn(body, ['vote']);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ received: true });
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0].event).toBe('vote');
		});

		it.each([
			['a legacy comment', examples.botCommentCreated],
			['a v3 comment', examples.commentAdded],
			['the test message', examples.testMessage],
		])(
			'answers %s with 200 ignored and runs nothing when only votes are selected',
			async (_case, body) => {
				const answer = await triggeredOn(body, ['vote']);
				expect(answer.status).toBe(200);
				expect(answer.json).toMatchObject({ received: true, ignored: true });
				expect(answer.items).toHaveLength(0);
			},
		);

		it.each(Object.entries(examples))('emits %s when nothing is chosen', async (_name, body) => {
			const answer = await triggeredOn(body, []);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ received: true });
			expect(answer.items).toHaveLength(1);
		});

		it('answers the test message without running when test deliveries are ignored', async () => {
			const ignored = await withOptions(examples.testMessage, { ignoreTests: true });
			expect(ignored.json).toMatchObject({ received: true, ignored: true });
			expect(ignored.items).toHaveLength(0);
			const bump = await withOptions(examples.botBump, { ignoreTests: true });
			expect(bump.items).toHaveLength(1);
		});
	});

	it('gives the same bytes delivered twice the same eventId', async () => {
		for (const body of [
			examples.botBump,
			examples.botCommentEdited,
			examples.upAdded,
			examples.upAddedWrapped,
		]) {
			const first = (await signed(body)).items[0];
			const again = (await signed(body)).items[0];
			expect(again.eventId).toBe(first.eventId);
		}
	});

	it.each([
		[
			'a bump at another time',
			examples.botBump,
			examples.botBump.replace('"at":1631789378024', '"at":1631789378025'),
		],
		[
			'a bump by another user',
			examples.botBump,
			examples.botBump.replace(`"user":"${user}"`, '"user":"178404926869733377"'),
		],
		['a comment at the same time as a bump', examples.botBump, examples.botCommentCreated],
		[
			'an up_added at another time',
			examples.upAdded,
			examples.upAdded.replace('1700000000000', '1700000000001'),
		],
		[
			'an up_added for another target',
			examples.upAdded,
			examples.upAdded.replace('"1234567890123456789"', '"1234567890123456788"'),
		],
	])('gives %s a different eventId', async (_case, body, other) => {
		const first = (await signed(body)).items[0];
		const second = (await signed(other)).items[0];
		expect(second.eventId).not.toBe(first.eventId);
	});
});

describePublicNames(boticordKit, {
	platform: 'boticord',
	displayName: 'Boticord Trigger',
	name: 'boticordTrigger',
	credential: 'boticordWebhookApi',
	fields: ['hookKey'],
});

describe('Boticord test message naming no Discord user', () => {
	it.each(['\u0000', '\ud800', 'not-an-id', '1'.repeat(21), ' 1'])(
		'answers the test and keeps userId null for %j',
		async (user) => {
			const body = JSON.stringify({
				type: 'test_webhook_message',
				data: { user, at: 1631789378024 },
			});
			const answer = await signed(body);
			expect(answer.status).toBe(200);
			expect(answer.items[0]).toMatchObject({ event: 'test', isTest: true, userId: null });
		},
	);
});
