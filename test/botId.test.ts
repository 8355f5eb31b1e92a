import { LISTS } from './registry';
import { deliver } from './helpers/deliver';

/**
 * The Bot ID parameter of the lists whose deliveries do not say which bot a vote is for (`omitsTarget`): their
 * items carry the configured id as `targetId`, so items of every list fill the same columns.
 */
const OMITTING = LISTS.filter((kit) => kit.platform.omitsTarget === true);

const BOT_ID = '264811613708746752';

// Which lists offer it at all is pinned by the contract suite.
it('covers at least one list', () => {
	expect(OMITTING.length).toBeGreaterThan(0);
});

describe.each(OMITTING.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: the Bot ID parameter',
	(_name, kit) => {
		const node = new kit.Node();
		const body = kit.examples[kit.sample];
		const send = (parameters: Record<string, unknown>, headers = kit.sign(body, kit.credentials)) =>
			deliver(node, {
				headers,
				body,
				credentials: { ...kit.credentials },
				parameters: parameters as never,
			});

		it('is a text parameter named botId, empty by default, before the options', () => {
			const names = node.description.properties.map((property) => property.name);
			const parameter = node.description.properties.find((property) => property.name === 'botId');
			expect(parameter).toMatchObject({ displayName: 'Bot ID', type: 'string', default: '' });
			expect(names.indexOf('botId')).toBeLessThan(names.indexOf('options'));
		});

		it('leaves targetId null while empty, and targetType says it is a bot', async () => {
			for (const botId of [undefined, '', '   ']) {
				const answer = await send({ botId });
				expect([answer.status, answer.items[0].targetType, answer.items[0].targetId]).toEqual([
					200,
					'bot',
					null,
				]);
			}
		});

		it('puts the configured id in targetId, trimmed, as a string', async () => {
			const answer = await send({ botId: ` ${BOT_ID}\n` });
			expect(answer.items[0]).toMatchObject({ targetType: 'bot', targetId: BOT_ID });
		});

		it.each([
			['a name', 'My Cool Bot'],
			['an id with a letter', '26481161370874675a'],
			['21 digits', '1'.repeat(21)],
			['a number (digits lost above 2^53)', 264811613708746750],
			['an object', { id: BOT_ID }],
		])(
			'answers a genuine delivery 500, starting nothing, when it holds %s',
			async (_case, botId) => {
				const answer = await send({ botId });
				expect([answer.status, answer.items]).toEqual([500, []]);
				expect(answer.json.error).toMatch(/Bot ID parameter is not a Discord id/);
				expect(answer.logs.join('\n')).toMatch(/Bot ID holds a/);
			},
		);

		it('answers 500 when its expression fails, never throwing', async () => {
			const answer = await send({ botId: new Error('ReferenceError: $vars is not defined') });
			expect([answer.status, answer.items]).toEqual([500, []]);
			expect(answer.json.error).toMatch(/Bot ID parameter could not be read/);
		});

		it('tells a forger nothing about it: a wrong secret is refused with 401 first', async () => {
			const forged = Object.fromEntries(
				Object.keys(kit.sign(body, kit.credentials)).map((name) => [name, 'forged']),
			);
			expect((await send({ botId: 'not an id' }, forged)).status).toBe(401);
		});
	},
);
