import { deliver, leaked } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';
import { isAcceptedType } from './helpers/verdicts';
import { MAX_BODY_BYTES } from '../nodes/shared/body';

/** Behaviours of the shared pipeline, checked through every trigger's real webhook(). */
describe.each(nodesUnderTest)(
	'$platform: shared pipeline',
	({ kit, node, credentials, secrets, sign, example }) => {
		const send = (
			body: string | Buffer,
			extra: { headers?: Record<string, string>; rawBody?: null } = {},
		) =>
			deliver(node, {
				headers: { ...sign(body), ...extra.headers },
				body,
				credentials,
				rawBody: extra.rawBody,
			});

		const expectRefused = async (
			answer: Awaited<ReturnType<typeof send>>,
			status: number,
			message: RegExp,
		) => {
			expect(answer.status).toBe(status);
			expect(answer.json.error).toMatch(message);
			expect(answer.items).toHaveLength(0);
			expect(leaked(answer, secrets)).toEqual([]);
		};

		it('at the Test URL, throws a refusal for the editor to show (n8n answers the sender 500), with no secret in it', async () => {
			const forged = Object.fromEntries(
				Object.keys(sign(example)).map((name) => [name, 'forged-secret']),
			);
			const refused = deliver(node, {
				headers: forged,
				body: example,
				credentials,
				mode: 'manual',
			});
			await expect(refused).rejects.toMatchObject({
				message: expect.stringMatching(/^Refused a test delivery: /),
				description: expect.stringContaining('HTTP 401'),
			});
			const error = await refused.catch(
				(thrown: Error & { description?: string }) => `${thrown.message}\n${thrown.description}`,
			);
			for (const secret of secrets) expect(error).not.toContain(secret);
		});

		it('names the content type it refused and the ones the list sends', async () => {
			const answer = await send(example, {
				headers: { 'content-type': 'application/xml; charset=utf-8' },
			});
			const sent = kit.platform.contentTypes?.join(' or ') ?? 'application/json';
			await expectRefused(
				answer,
				415,
				new RegExp(`^Unsupported content type "application/xml; charset=utf-8": .+ sends ${sent}$`),
			);
		});

		it('at the Test URL, emits a genuine delivery as at the Production URL', async () => {
			const answer = await deliver(node, {
				headers: sign(example),
				body: example,
				credentials,
				mode: 'manual',
			});
			expect([answer.status, answer.json, answer.items.length]).toEqual([
				200,
				{ received: true },
				1,
			]);
		});

		it('emits exactly one item with every output field, for a genuine delivery', async () => {
			const answer = await send(example);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ received: true });
			expect(answer.items).toHaveLength(1);
			expect(Object.keys(answer.items[0])).toEqual(Object.keys(OUTPUT_FIELDS));
			for (const [field, type] of Object.entries(OUTPUT_FIELDS)) {
				const value = answer.items[0][field];
				expect([field, value === null ? 'null' : typeof value]).toEqual([
					field,
					expect.stringMatching(type),
				]);
			}
			expect(answer.items[0].receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		});

		it('refuses a body over the size limit with 413', async () => {
			const big = example.replace(/}$/, `,"padding":"${'x'.repeat(MAX_BODY_BYTES)}"}`);
			await expectRefused(await send(big), 413, /Body too large/);
		});

		it.each([
			'application/x-www-form-urlencoded',
			'text/plain',
			'multipart/form-data; boundary=x',
			'application/jsonp',
			'application/json; charset=utf-8',
			'APPLICATION/JSON',
			'application/vnd.botlist+json',
		])(
			'accepts content type %s only if the list sends it (JSON unless it declares its own), else 415',
			async (contentType) => {
				const answer = await send(example, { headers: { 'content-type': contentType } });
				if (isAcceptedType(kit.platform, contentType)) expect(answer.status).toBe(200);
				else await expectRefused(answer, 415, /content type/);
			},
		);

		it.each([
			['empty', '', /Empty body/],
			['not JSON', '{"user":', /not valid JSON/],
			['a JSON array', '[{"user":"1"}]', /must be a JSON object/],
			['a JSON string', '"vote"', /must be a JSON object/],
			['JSON null', 'null', /must be a JSON object/],
		])('refuses a body that is %s with 400', async (_case, body, message) => {
			await expectRefused(await send(body), 400, message);
		});

		it('treats a request without a raw body as empty, never throwing', async () => {
			const answer = await deliver(node, {
				headers: sign(''),
				body: example,
				credentials,
				rawBody: null,
			});
			await expectRefused(answer, 400, /Empty body/);
		});

		describe('a body n8n left unread (version 1.1, a content type n8n does not parse)', () => {
			it("reads it with n8n's reader and emits the item", async () => {
				const answer = await deliver(node, {
					headers: { ...sign(example), 'content-type': '\u0000omit' },
					body: example,
					credentials,
					unread: 'readable',
				});
				expect(answer.status).toBe(200);
				expect(answer.items).toHaveLength(1);
			});

			it("refuses with 413 when n8n's reader stops at its payload limit", async () => {
				const answer = await deliver(node, {
					headers: sign(example),
					body: example,
					credentials,
					unread: 'over n8n limit',
				});
				await expectRefused(answer, 413, /Body too large/);
			});

			it('judges the request without a body when the stream is gone (a multipart form n8n parsed)', async () => {
				const headers = { ...sign(''), 'content-type': 'multipart/form-data; boundary=x' };
				const answer = await deliver(node, {
					headers,
					body: example,
					credentials,
					unread: 'stream gone',
				});
				await expectRefused(answer, 415, /content type/);
			});
		});

		it('answers 500 with a clear message when no credential is selected', async () => {
			const answer = await deliver(node, { headers: sign(example), body: example });
			await expectRefused(answer, 500, /credential is selected/);
		});

		it('keeps __proto__ and constructor keys out of the item and every prototype', async () => {
			const body = example.replace(
				/^{/,
				'{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
			);
			const answer = await send(body);
			expect(answer.status).toBe(200);
			const [item] = answer.items;
			expect(Object.keys(item)).toEqual(Object.keys(OUTPUT_FIELDS));
			expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
			expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		});

		it('never throws on a deeply nested body', async () => {
			const deep = example.replace(/}$/, `,"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`);
			const answer = await send(deep);
			expect([200, 400]).toContain(answer.status);
		});
	},
);

/** The flat output item of the contract, in order, with the types a value may have. */
const OUTPUT_FIELDS: Record<string, RegExp> = {
	platform: /^string$/,
	event: /^string$/,
	isTest: /^boolean$/,
	targetType: /^(string|null)$/,
	targetId: /^(string|null)$/,
	targetName: /^(string|null)$/,
	userId: /^(string|null)$/,
	username: /^(string|null)$/,
	occurredAt: /^string$/,
	receivedAt: /^string$/,
	eventId: /^string$/,
	totalVotes: /^(number|null)$/,
	creditsAwarded: /^(boolean|null)$/,
	adBlocker: /^(boolean|null)$/,
	creditDenialReason: /^(string|null)$/,
	monthlyVotes: /^(number|null)$/,
	nextVoteAt: /^(string|null)$/,
	commentText: /^(string|null)$/,
	previousCommentText: /^(string|null)$/,
	commentRating: /^(number|null)$/,
	previousCommentRating: /^(number|null)$/,
	commentDeletionReason: /^(string|null)$/,
	orderId: /^(string|null)$/,
	tierId: /^(string|null)$/,
	tierName: /^(string|null)$/,
	planType: /^(string|null)$/,
	billingPeriod: /^(string|null)$/,
	isGift: /^(boolean|null)$/,
	recipientUserId: /^(string|null)$/,
	subscriptionStatus: /^(string|null)$/,
	autoRenew: /^(boolean|null)$/,
	currentPeriodEnd: /^(string|null)$/,
	voteWeight: /^(number|null)$/,
	query: /^(object|null)$/,
	listUserId: /^(string|null)$/,
	isPremiumVote: /^(boolean|null)$/,
	voteStreak: /^(number|null)$/,
	raw: /^object$/,
};
