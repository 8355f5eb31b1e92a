import { DiffcordTrigger } from '../../nodes/Diffcord/DiffcordTrigger.node';
import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { diffcordKit } from './kit';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DiffcordTrigger();
const verificationCode = 'my-diffcord-code-42';
const credentials = { verificationCode };
const signed = (body: string, authorization = verificationCode) =>
	deliver(node, { headers: { Authorization: authorization }, body, credentials });

describe('Diffcord Trigger', () => {
	it('turns the documented vote into one item, vote time = received time - since_vote', async () => {
		const answer = await signed(examples.vote);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		const [item] = answer.items;
		expect(item).toMatchObject({
			platform: 'diffcord',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '7231198106540828102',
			targetName: null,
			userId: '129743267142362715',
			username: null,
			eventId: 'diffcord:vote:7019eeaa-a25a-446e-9122-dccf540e2405',
			totalVotes: null,
			monthlyVotes: 12,
			creditsAwarded: null,
			raw: JSON.parse(examples.vote),
		});
		expect(Date.parse(item.receivedAt as string) - Date.parse(item.occurredAt as string)).toBe(
			2921,
		);
		expect(item.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('keeps a snowflake above 2^53 exact as a string', async () => {
		const [item] = (await signed(examples.vote)).items;
		expect(item.targetId).toBe('7231198106540828102');
		expect(String(Number(item.targetId))).not.toBe(item.targetId);
	});

	it('reads the pre-2023 voted_at payload as an absolute time', async () => {
		const [item] = (await signed(examples.legacyVote)).items;
		expect(item.occurredAt).toBe('2023-03-06T01:29:46.315Z');
		expect(item.eventId).toBe('diffcord:vote:5d1f6a0e-2b8c-4f53-9a54-0d2a3c6f1e77');
	});

	it('flags the dashboard test vote and emits it by default', async () => {
		const answer = await signed(examples.testVote);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({ event: 'vote', isTest: true });
	});

	it('answers a test vote without running when test deliveries are ignored', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: verificationCode },
			body: examples.testVote,
			credentials,
			options: { ignoreTests: true },
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ received: true, ignored: true });
		expect(answer.items).toHaveLength(0);
	});

	it('gives a redelivery the same eventId even though since_vote grew', async () => {
		const first = (await signed(examples.vote)).items[0];
		const again = (await signed(examples.vote.replace('2.9213', '65.1'))).items[0];
		const other = (await signed(examples.legacyVote)).items[0];
		expect(again.eventId).toBe(first.eventId);
		expect(other.eventId).not.toBe(first.eventId);
	});

	it.each([
		['missing', undefined],
		['wrong', 'not-the-code'],
		['Bearer-prefixed (Diffcord sends the bare code)', `Bearer ${verificationCode}`],
		['a prefix of the code', verificationCode.slice(0, -1)],
	])(
		'refuses a %s Authorization header with 401 and starts nothing',
		async (_case, authorization) => {
			const answer = await deliver(node, {
				headers: authorization === undefined ? {} : { Authorization: authorization },
				body: examples.vote,
				credentials,
			});
			expect(answer.status).toBe(401);
			expect(answer.json.error).toMatch(/Authorization/);
			expect(answer.items).toHaveLength(0);
			expect(leaked(answer, [verificationCode])).toEqual([]);
		},
	);

	it.each([
		['empty', { verificationCode: '' }],
		['whitespace only', { verificationCode: '  \n' }],
		['absent', {}],
	])('fails closed when the verification code is %s', async (_case, badCredentials) => {
		for (const authorization of ['', ' ', 'anything']) {
			const answer = await deliver(node, {
				headers: { Authorization: authorization },
				body: examples.vote,
				credentials: badCredentials,
			});
			expect(answer.status).toBe(500);
			expect(answer.json.error).toMatch(/no verification code set/);
			expect(answer.items).toHaveLength(0);
		}
	});

	it('accepts a code saved with a trailing newline (headers cannot carry one)', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: verificationCode },
			body: examples.vote,
			credentials: { verificationCode: `${verificationCode}\n` },
		});
		expect(answer.status).toBe(200);
	});

	it.each([
		[
			'user_id missing',
			{ user_id: undefined },
			/user_id: Invalid input: expected string, received undefined/,
		],
		[
			'user_id as a JSON number',
			// eslint-disable-next-line no-loss-of-precision -- a Discord id past 2^53 sent as a JSON number, the case under test
			{ user_id: 129743267142362715 },
			/user_id: Invalid input: expected string, received number/,
		],
		[
			'vote_id missing',
			{ vote_id: undefined },
			/vote_id: Invalid input: expected string, received undefined/,
		],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const body = JSON.stringify({ ...JSON.parse(examples.vote), ...change });
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	it.each([
		['since_vote as text', { since_vote: 'soon' }, 'since_vote'],
		['voted_at not a date', { since_vote: undefined, voted_at: 'yesterday-ish' }, 'voted_at'],
	])('emits the vote and logs the field left out when %s', async (_case, change, field) => {
		const answer = await signed(JSON.stringify({ ...JSON.parse(examples.vote), ...change }));
		expectLeftOut(answer, field);
		// Without a vote time the receive time stands for it.
		expect(answer.items[0].occurredAt).toBe(answer.items[0].receivedAt);
	});

	it('accepts unknown extra fields and keeps them in raw', async () => {
		const body = JSON.stringify({ ...JSON.parse(examples.vote), new_field: { nested: true } });
		const [item] = (await signed(body)).items;
		expect((item.raw as { new_field: unknown }).new_field).toEqual({ nested: true });
	});
});

describe('Diffcord with Ignore Redeliveries', () => {
	it('does not confuse different votes that share every field but their vote id', async () => {
		const other = examples.vote.replace(
			'7019eeaa-a25a-446e-9122-dccf540e2405',
			'7019eeaa-a25a-446e-9122-dccf540e2406',
		);
		const send = (body: string) =>
			deliver(node, {
				headers: { Authorization: verificationCode },
				body,
				credentials,
				options: { ignoreRedeliveries: true },
				nodeId: 'vote-id-node',
			});
		const answers = [await send(examples.vote), await send(other)];
		expect(answers.map((answer) => answer.items.length)).toEqual([1, 1]);
	});
});

describePublicNames(diffcordKit, {
	platform: 'diffcord',
	displayName: 'Diffcord Trigger',
	name: 'diffcordTrigger',
	credential: 'diffcordWebhookApi',
	fields: ['verificationCode'],
});
