import { createHmac } from 'crypto';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { BoticordTrigger } from '../nodes/Boticord/BoticordTrigger.node';
import { DiffcordTrigger } from '../nodes/Diffcord/DiffcordTrigger.node';
import { DiscollabTrigger } from '../nodes/Discollab/DiscollabTrigger.node';
import { RanklyTrigger } from '../nodes/Rankly/RanklyTrigger.node';
import { deliver, type Answer } from './helpers/deliver';
import * as examples from './fixtures/examples';

/**
 * Where zod 4 differs from zod 3, the behaviour the schemas had under zod 3 (see nodes/shared/payload.ts and
 * the platform schemas): each case would fail with zod 4's defaults.
 */

const rankly = { authorization: 'rk-auth-e1', voteSecret: 'rk-vote-e2', premiumSecret: 'rk-premium-e3' };
const units: Record<string, { node: INodeType; credentials: IDataObject; sign: (body: string) => Record<string, string> }> = {
	diffcord: { node: new DiffcordTrigger(), credentials: { verificationCode: 'dfc-e1' }, sign: () => ({ Authorization: 'dfc-e1' }) },
	discollab: { node: new DiscollabTrigger(), credentials: { token: 'dcl-e1' }, sign: () => ({ Authorization: 'dcl-e1' }) },
	rankly: {
		node: new RanklyTrigger(),
		credentials: rankly,
		sign: (body) => ({ 'X-Webhook-Signature': createHmac('sha256', body.includes('bot_vote') ? rankly.voteSecret : rankly.premiumSecret).update(body).digest('hex') }),
	},
	boticord: { node: new BoticordTrigger(), credentials: { hookKey: 'btc-e1' }, sign: () => ({ 'X-Hook-Key': 'btc-e1' }) },
};

const send = (platform: string, body: string): Promise<Answer> => {
	const unit = units[platform];
	return deliver(unit.node, { headers: unit.sign(body), body, credentials: unit.credentials });
};

/** The example with `path` (dot-separated) set to `value`, as raw JSON text. */
function withRaw(example: string, path: string, valueJson: string): string {
	const marker = '\u0000marker\u0000';
	const payload = JSON.parse(example);
	const keys = path.split('.');
	let parent = payload;
	for (const key of keys.slice(0, -1)) parent = parent[key];
	parent[keys[keys.length - 1]] = marker;
	return JSON.stringify(payload).replace(JSON.stringify(marker), () => valueJson);
}

const exampleOf = (platform: string, name: string): string => (examples as Record<string, Record<string, string>>)[platform][name];

const LENGTH_TRAP = '{"length":{"toString":1,"valueOf":2}}';

describe('a length-limited string field sent as something else', () => {
	it.each([
		['diffcord', 'vote', 'vote_id'],
		['discollab', 'serverVote', 'username'],
		['rankly', 'botVote', 'voter.username'],
		['rankly', 'premiumPurchase', 'tier.id'],
		['boticord', 'botCommentEdited', 'data.comment.new'],
		['boticord', 'testMessage', 'data.user'],
	])('%s %s: %s is refused with 400 naming the field once, for an array and for an object whose length cannot be compared', async (platform, example, field) => {
		for (const value of ['[1,2,3]', LENGTH_TRAP]) {
			const answer = await send(platform, withRaw(exampleOf(platform, example), field, value));
			expect(answer.status).toBe(400);
			expect(answer.items).toEqual([]);
			const named = String(answer.json.error).split('; ').filter((issue) => issue.replace(/^Invalid payload: /, '').startsWith(`${field}:`));
			expect(named).toHaveLength(1);
		}
	});
});

describe('the Boticord test message', () => {
	it('takes nothing from a __proto__ key inside data', async () => {
		const body = '{"type":"test_webhook_message","data":{"__proto__":{"user":{"not":"a string"},"at":"not a number"}}}';
		const answer = await send('boticord', body);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({ event: 'test', userId: null });
		expect(answer.items[0].occurredAt).toBe(answer.items[0].receivedAt);
	});

	it('still accepts unknown keys inside data', async () => {
		const answer = await send('boticord', '{"type":"test_webhook_message","data":{"user":"1","extra":{"a":1}}}');
		expect(answer.status).toBe(200);
		expect(answer.items[0].userId).toBe('1');
	});
});

describe('whole numbers beyond 2^53', () => {
	it.each([
		['diffcord', 'vote', 'monthly_votes', 'monthlyVotes'],
		['discollab', 'serverVote', 'times_voted', 'totalVotes'],
		['boticord', 'upAdded', 'payload.upCount', 'totalVotes'],
	])('%s %s: %s of 1e20 is accepted as before', async (platform, example, field, output) => {
		const answer = await send(platform, withRaw(exampleOf(platform, example), field, '1e20'));
		expect(answer.status).toBe(200);
		expect(answer.items[0][output]).toBe(1e20);
	});

	it.each([
		['diffcord', 'vote', 'monthly_votes'],
		['boticord', 'upAdded', 'payload.upCount'],
	])('%s %s: %s of 1.5 is refused as not an integer', async (platform, example, field) => {
		const answer = await send(platform, withRaw(exampleOf(platform, example), field, '1.5'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toContain(`${field}: Expected integer, received float`);
	});
});

describe('Discollab voted_on and the required ids', () => {
	const withoutUser = JSON.stringify({ ...JSON.parse(examples.discollab.olderServerVote), user_id: undefined });

	it('names the limit a number out of range breaks, and still names a missing user_id', async () => {
		const answer = await send('discollab', withRaw(withoutUser, 'voted_on', '-1'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(/voted_on: Too small: expected number to be >=0; user_id: Required$/);
	});

	it('names the limit a string too long breaks', async () => {
		const answer = await send('discollab', withRaw(examples.discollab.olderServerVote, 'voted_on', JSON.stringify('9'.repeat(65))));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(/voted_on: Too big: expected string to have <=64 characters$/);
	});

	it('refuses any other type as "Invalid input"', async () => {
		const answer = await send('discollab', withRaw(examples.discollab.olderServerVote, 'voted_on', 'true'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toBe('Invalid payload: voted_on: Invalid input');
	});

	it('does not call a malformed id missing', async () => {
		const answer = await send('discollab', withRaw(examples.discollab.olderServerVote, 'guild_id', '"12ab"'));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toBe('Invalid payload: guild_id: Expected a Discord id: a string of digits');
	});
});
