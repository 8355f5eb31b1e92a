import { fc } from '@fast-check/jest';
import { LISTS } from './registry';
import { MAX_INSTANT_MS } from '../nodes/shared/time';
import { expectedItem } from './helpers/deliver';

/**
 * Every time field of every item is a plain `YYYY-MM-DDTHH:mm:ss.sssZ` that spreadsheets parse, or null: never an
 * extended year such as `+010000-01-01T...` that a vote near the end of year 9999 plus a cooldown would give.
 */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_FIELDS = ['occurredAt', 'receivedAt', 'nextVoteAt', 'currentPeriodEnd'] as const;

const VOTER = '712345678901234567';
const LAST_DAY_OF_9999 = Date.UTC(9999, 11, 31);

describe.each(LISTS.map((kit) => [kit.platform.name, kit] as const))(
	'%s: time fields',
	(_name, kit) => {
		it('are plain ISO or null for votes at any instant, the last day of year 9999 included', async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(
						fc.integer({ min: LAST_DAY_OF_9999, max: MAX_INSTANT_MS }),
						fc.integer({ min: 0, max: MAX_INSTANT_MS }),
					),
					async (ms) => {
						const at = new Date(ms);
						const body = kit.voteBy(VOTER, at);
						// Signed at the vote's time too: top.gg signs the time of sending.
						jest.useFakeTimers({
							now: ms,
							doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
						});
						const headers = kit.sign(body, kit.credentials);
						jest.useRealTimers();
						const item = await expectedItem(kit, body, headers, kit.credentials, at.toISOString());
						expect(item).toBeDefined();
						for (const field of TIME_FIELDS) {
							const value = item[field];
							if (field === 'occurredAt' || field === 'receivedAt')
								expect(value).toMatch(PLAIN_ISO);
							else
								expect([field, value === null || PLAIN_ISO.test(String(value))]).toEqual([
									field,
									true,
								]);
						}
					},
				),
				{ numRuns: 60 },
			);
		});
	},
);

describe('the cases that gave +010000 years', () => {
	it('BotHunt: a vote at the last millisecond of year 9999 has no next vote time', async () => {
		const kit = LISTS.find((entry) => entry.platform.name === 'bothunt')!;
		const body = JSON.stringify({
			...JSON.parse(kit.examples.upvote),
			last_vote_time: '9999-12-31T23:59:59.999Z',
		});
		const item = await expectedItem(kit, body, kit.sign(body, kit.credentials));
		expect(item).toMatchObject({ occurredAt: '9999-12-31T23:59:59.999Z', nextVoteAt: null });
	});

	it('top.gg: a v0 vote and a v1 vote without expires_at in the last 12 hours of year 9999 have no next vote time', async () => {
		const kit = LISTS.find((entry) => entry.platform.name === 'topgg')!;
		const late = '9999-12-31T20:00:00.000Z';
		const legacy = await expectedItem(
			kit,
			kit.examples.legacyBotVote,
			{ Authorization: kit.credentials.authorization },
			kit.credentials,
			late,
		);
		expect(legacy).toMatchObject({ occurredAt: late, nextVoteAt: null });
		const v1 = JSON.parse(kit.examples.vote);
		delete v1.data.expires_at;
		v1.data.created_at = late;
		const body = JSON.stringify(v1);
		const item = await expectedItem(kit, body, kit.sign(body, kit.credentials), kit.credentials);
		expect(item).toMatchObject({ occurredAt: late, nextVoteAt: null });
	});
});
