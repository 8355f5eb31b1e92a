import { deliver, leaked, type Answer } from './helpers/deliver';
import { nodesUnderTest, type NodeUnderTest } from './helpers/nodes';
import * as examples from './fixtures/examples';

/**
 * The bad-input corpus: every entry goes through every trigger's real webhook() and must come back as a 4xx
 * JSON answer naming the problem, with nothing emitted, no throw, and no secret in the answer or the logs.
 */
type Entry = [name: string, body: string, headers: (unit: NodeUnderTest, body: string) => Record<string, string | string[]>, status: number, error: RegExp];

const signed = (unit: NodeUnderTest, body: string) => unit.sign(body);
const huge = 'x'.repeat(60_000);

/** Entries that apply to every platform. */
const COMMON: Entry[] = [
	['an empty body', '', signed, 400, /Empty body/],
	['a JSON array', '[]', signed, 400, /must be a JSON object/],
	['a JSON string', '"vote"', signed, 400, /must be a JSON object/],
	['a JSON number', '42', signed, 400, /must be a JSON object/],
	['truncated JSON', '{"type":', signed, 400, /not valid JSON/],
	['JSON followed by garbage', '{} trailing', signed, 400, /not valid JSON/],
	['invalid UTF-8 bytes', '\u00ff\u00fe{', signed, 400, /not valid JSON/],
	['an empty object', '{}', signed, 400, /Invalid payload/],
	['only __proto__ and constructor keys', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', signed, 400, /Invalid payload/],
	['deep nesting and nothing else', `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, signed, 400, /Invalid payload/],
	['a form body', 'user=1', (unit, body) => ({ ...unit.sign(body), 'content-type': 'application/x-www-form-urlencoded' }), 415, /content type/],
	['an XML body', '<vote/>', (unit, body) => ({ ...unit.sign(body), 'content-type': 'application/xml' }), 415, /content type/],
	['no authentication at all', '{}', () => ({}), 401, /does not match|X-Webhook-Signature|Authorization/],
	['a body over 64 KiB', `{"pad":"${'y'.repeat(70_000)}"}`, signed, 413, /Body too large/],
];

/** Field-level corruptions of each platform's documented example, named in the answer. */
const FIELDS: Record<string, Array<[string, (payload: Record<string, any>) => void, RegExp]>> = {
	diffcord: [
		['user_id missing', (p) => delete p.user_id, /user_id: Invalid input: expected string, received undefined/],
		['bot_id as a JSON number', (p) => (p.bot_id = 7231198106540828000), /bot_id: Invalid input: expected string, received number/],
		['vote_id huge', (p) => (p.vote_id = huge), /vote_id/],
		['monthly_votes as text', (p) => (p.monthly_votes = '12'), /monthly_votes: Invalid input: expected number/],
		['test as text', (p) => (p.test = 'false'), /test: Invalid input: expected boolean/],
	],
	discollab: [
		['user_id missing', (p) => delete p.user_id, /user_id: Required/],
		['guild_id as a JSON number', (p) => (p.guild_id = 123456789012345680), /guild_id: Invalid input: expected string, received number/],
		['username huge', (p) => (p.username = huge), /username/],
		['times_voted as text', (p) => (p.times_voted = 'seven'), /times_voted: Invalid input: expected number/],
		['voted_on_iso not a date', (p) => (p.voted_on_iso = 'yesterday'), /voted_on_iso: Expected an ISO 8601 date/],
	],
	rankly: [
		['event unknown', (p) => (p.event = 'bot_unvote'), /event: unknown event type "bot_unvote"/],
		['voter.userId as a JSON number', (p) => (p.voter.userId = 987654321098765400), /voter\.userId: Invalid input: expected string, received number/],
		['bot missing', (p) => delete p.bot, /bot: Invalid input: expected object, received undefined/],
		['timestamp not a date', (p) => (p.timestamp = 'now'), /timestamp: Expected an ISO 8601 date/],
		['bot.name huge', (p) => (p.bot.name = huge), /bot\.name/],
	],
	boticord: [
		['type unknown', (p) => (p.type = 'new_bot_unbump'), /type: unknown event type "new_bot_unbump"/],
		['data missing', (p) => delete p.data, /data: Invalid input: expected object, received undefined/],
		['data.user as a JSON number', (p) => (p.data.user = 178404926869733380), /data\.user: Invalid input: expected string, received number/],
		['data.at as text', (p) => (p.data.at = '1631789378024'), /data\.at: Invalid input: expected number/],
		['data.at beyond year 9999', (p) => (p.data.at = 8.64e15), /data\.at/],
	],
};

describe.each(nodesUnderTest)('$platform: the bad-input corpus', (unit) => {
	const run = async (body: string, headers: Record<string, string | string[]>): Promise<Answer> => {
		const answer = await deliver(unit.node, { headers, body, credentials: unit.credentials });
		expect(answer.items).toEqual([]);
		expect(leaked(answer, unit.secrets)).toEqual([]);
		expect(Object.keys(answer.json)).toEqual(['error']);
		return answer;
	};

	it.each(COMMON)('refuses %s', async (_name, body, headers, status, error) => {
		const answer = await run(body, headers(unit, body));
		expect(answer.status).toBe(status);
		expect(answer.json.error).toMatch(error);
	});

	it.each(FIELDS[unit.platform])('refuses the documented example with %s, naming the field', async (_name, corrupt, error) => {
		const payload = JSON.parse(unit.example);
		corrupt(payload);
		const body = JSON.stringify(payload);
		const answer = await run(body, unit.sign(body));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(error);
	});

	it('refuses a duplicated authentication header (two values) with 401', async () => {
		const headers = Object.fromEntries(Object.entries(unit.sign(unit.example)).map(([name, value]) => [name, [value, value]]));
		const answer = await run(unit.example, headers);
		expect(answer.status).toBe(401);
	});
});

describe('the corpus covers every platform', () => {
	it('has field-level entries for each trigger', () => {
		expect(Object.keys(FIELDS).sort()).toEqual(nodesUnderTest.map((unit) => unit.platform).sort());
		expect(Object.keys(examples).sort()).toEqual(Object.keys(FIELDS).sort());
	});
});
