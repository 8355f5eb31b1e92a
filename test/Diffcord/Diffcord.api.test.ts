import { runAction } from '../helpers/routing';
import { startStandIn, type StandIn } from '../helpers/standIn';
import { apiCredentialData } from '../shared/apiKit';
import { diffcordApiKit as api } from './api';

/*
 * What the Diffcord action node makes of the answers the shared suites do not send: Diffcord's times are seconds
 * relative to its answer, so they count from the answer's Date; the Python SDK reads the next-vote seconds as
 * `until_next_vote`, the docs and the Node SDK as `next_vote`.
 */

const USER = '140862798832861184';
const BOT = '1067846281917300816';

describe('Diffcord Vote > Get, answers beyond the documented example', () => {
	let standIn: StandIn;
	beforeAll(async () => {
		standIn = await startStandIn(api.routes, api.basePath);
	});
	afterAll(async () => await standIn.close());

	const get = async () =>
		await runAction(new api.Node(), new api.Credential(), {
			parameters: { resource: 'vote', operation: 'get', userId: USER },
			credentials: apiCredentialData(api, standIn.baseUrl),
		});
	const answer = (data: Record<string, unknown>, date = 'Tue, 01 Apr 2025 00:00:00 GMT') =>
		standIn.answerNext({
			status: 200,
			headers: { date },
			body: { data: { bot_id: BOT, user_id: USER, monthly_votes: 1, ...data }, error: null },
		});

	it('counts both times from the answer’s Date', async () => {
		answer({ since_last_vote: 3600, next_vote: 39600 });
		const [{ json }] = await get();
		expect(json).toMatchObject({
			voted: true,
			votedAt: '2025-03-31T23:00:00.000Z',
			nextVoteAt: '2025-04-01T11:00:00.000Z',
		});
	});

	it('reads the next vote as until_next_vote too (the Python SDK’s name for it)', async () => {
		answer({ since_last_vote: 60, until_next_vote: 120 });
		const [{ json }] = await get();
		expect(json).toMatchObject({ voted: true, nextVoteAt: '2025-04-01T00:02:00.000Z' });
	});

	it('a past vote whose cooldown is over: not voted, the last vote time kept, no next vote time', async () => {
		answer({ since_last_vote: 90000, next_vote: 0 });
		const [{ json }] = await get();
		expect(json).toMatchObject({
			voted: false,
			votedAt: '2025-03-30T23:00:00.000Z',
			nextVoteAt: null,
		});
	});

	it('an answer without the next-vote seconds is an error naming the field, not a guess', async () => {
		answer({ since_last_vote: null });
		const error = await get().catch((thrown: Error) => thrown);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Diffcord answered 200');
		expect((error as Error).message).toContain('data.next_vote');
	});

	it('a user id as a JSON number is an error, not an item', async () => {
		answer({ user_id: 140862798832861184, since_last_vote: null, next_vote: 0 });
		const error = await get().catch((thrown: Error) => thrown);
		expect((error as Error).message).toContain('data.user_id');
	});
});
