import { NodeHelpers, type IDataObject, type INode, type INodeProperties } from 'n8n-workflow';
import { MIN_REDELIVERY_WINDOW_HOURS } from '../nodes/shared/parameters';
import { deliver, leaked, type Delivery } from './helpers/deliver';
import { nodesUnderTest, type NodeUnderTest } from './helpers/nodes';

/**
 * The node's parameters as one delivery reads them. n8n's getNodeParameter throws when an expression in a
 * parameter fails to evaluate, and an expression may give a value of any type: either is answered with a refusal
 * naming the parameter, never thrown on (n8n would answer 500 and record a failed execution), and only Allowed IPs
 * is read before the proof.
 */

interface ParameterUnderTest {
	/** Where n8n holds it: a name, or `options.<name>`. */
	path: string;
	displayName: string;
	kind: 'parameter' | 'option';
	version: number;
}

const VERSIONS = [1, 1.1, 2];
/** What makes the pipeline read a parameter that is read only in some configurations. */
const NEEDED_OPTIONS: Record<string, IDataObject> = {
	'options.redeliveryWindowHours': { ignoreRedeliveries: true },
};

const nodeAt = (
	description: NodeUnderTest['node']['description'],
	typeVersion: number,
	parameters: IDataObject = {},
): INode => ({
	id: 'node-1',
	name: 'Trigger',
	type: description.name,
	typeVersion,
	position: [0, 0],
	parameters: parameters as INode['parameters'],
});

/** Every parameter the editor shows at each version of the node (judged by n8n-workflow's display rules), with the path n8n reads. */
function parametersOf({ node }: NodeUnderTest): ParameterUnderTest[] {
	const { description } = node;
	const found: ParameterUnderTest[] = [];
	for (const version of VERSIONS) {
		for (const property of description.properties) {
			if (property.type === 'notice' || property.type === 'collection') continue;
			if (!NodeHelpers.displayParameter({}, property, nodeAt(description, version), description))
				continue;
			found.push({
				path: property.name,
				displayName: property.displayName,
				kind: 'parameter',
				version,
			});
		}
		const options = description.properties.find((property) => property.name === 'options')!;
		// Redelivery Window is shown once Ignore Redeliveries is on.
		const parameters = { options: { ignoreRedeliveries: true } };
		for (const entry of options.options as INodeProperties[]) {
			if (
				!NodeHelpers.displayParameterPath(
					{ parameters },
					entry,
					'parameters.options',
					nodeAt(description, version, parameters),
					description,
				)
			)
				continue;
			found.push({
				path: `options.${entry.name}`,
				displayName: entry.displayName,
				kind: 'option',
				version,
			});
		}
	}
	return found;
}

/** A delivery whose parameter at `path` holds `value` (an Error: an expression that fails), with what makes it read. */
function withParameter(path: string, value: unknown, delivery: Delivery = {}): Delivery {
	const options: IDataObject = { ...NEEDED_OPTIONS[path], ...delivery.options };
	const parameters: IDataObject = { ...delivery.parameters };
	if (path.startsWith('options.'))
		options[path.slice('options.'.length)] = value as IDataObject[string];
	else parameters[path] = value as IDataObject[string];
	return { ...delivery, options, parameters };
}

/** What n8n throws for `{{ $('No Such Node').item }}`, made long. */
const failingExpression = () =>
	Object.assign(new Error(`Referenced node doesn't exist ${'x'.repeat(1000)}`), {
		name: 'ExpressionError',
	});

it('finds every parameter the pipeline reads, on some list at some version', () => {
	const paths = new Set(
		nodesUnderTest.flatMap((unit) => parametersOf(unit).map((parameter) => parameter.path)),
	);
	expect([...paths].sort()).toEqual(
		[
			'botId',
			'events',
			'options.allowedIps',
			'options.events',
			'options.ignoreRedeliveries',
			'options.ignoreTests',
			'options.redeliveryWindowHours',
		].sort(),
	);
});

describe.each(nodesUnderTest)('$platform: a parameter whose expression fails', (unit) => {
	const { node, credentials, secrets, sign, example } = unit;
	const genuine = (path: string, value: unknown, version: number, extra: Delivery = {}) =>
		deliver(
			node,
			withParameter(path, value, {
				headers: sign(example),
				body: example,
				credentials,
				typeVersion: version,
				...extra,
			}),
		);
	const forged = (path: string, value: unknown, version: number) => {
		const headers = Object.fromEntries(
			Object.keys(sign(example)).map((name) => [name, 'forged-secret']),
		);
		return deliver(
			node,
			withParameter(path, value, { headers, body: example, credentials, typeVersion: version }),
		);
	};
	const cases = parametersOf(unit).map(
		(parameter) =>
			[
				`${parameter.displayName} (${parameter.path}) at version ${parameter.version}`,
				parameter,
			] as const,
	);

	it.each(cases)(
		'%s: answers a genuine delivery 500 naming it, never throwing, running nothing',
		async (_name, { path, displayName, kind, version }) => {
			const answer = await genuine(path, failingExpression(), version);
			expect([answer.status, answer.json, answer.items]).toEqual([
				500,
				{ error: `The node's ${displayName} ${kind} could not be read: see the n8n log` },
				[],
			]);
			// The expression's error is for the node's owner, in n8n's log, and only its beginning.
			const logged = answer.logs.join('\n');
			expect(logged).toContain("Referenced node doesn't exist xxx");
			expect(logged.length).toBeLessThan(600);
			expect(leaked(answer, secrets)).toEqual([]);
		},
	);

	it.each(cases)(
		'%s: at the Test URL, throws the refusal for the editor to show',
		async (_name, { path, displayName, kind, version }) => {
			const refused = genuine(path, failingExpression(), version, { mode: 'manual' });
			await expect(refused).rejects.toMatchObject({
				message: `Refused a test delivery: The node's ${displayName} ${kind} could not be read: see the n8n log`,
			});
		},
	);

	it.each(cases)('%s: tells a forger nothing about it', async (_name, { path, version }) => {
		const broken = await forged(path, failingExpression(), version);
		if (path === 'options.allowedIps') {
			// Checked first, before the proof: every sender is refused while it cannot be read.
			expect([broken.status, broken.json.error]).toEqual([
				500,
				"The node's Allowed IPs option could not be read: see the n8n log",
			]);
			return;
		}
		const good = await forged(path, undefined, version);
		expect(good.status).toBe(401);
		expect([broken.status, broken.json]).toEqual([good.status, good.json]);
	});
});

describe.each(nodesUnderTest)(
	'$platform: a parameter an expression gives a value it cannot use',
	(unit) => {
		const { kit, node, credentials, sign, example } = unit;
		const send = (delivery: Delivery, body = example) =>
			deliver(node, { headers: sign(body), body, credentials, ...delivery });
		const refusal = async (delivery: Delivery, error: string, detail: RegExp) => {
			const answer = await send(delivery);
			expect([answer.status, answer.json.error, answer.items]).toEqual([500, error, []]);
			expect(answer.logs.join('\n')).toMatch(detail);
		};
		const runs = async (delivery: Delivery) => expect((await send(delivery)).items).toHaveLength(1);
		const filters = kit.platform.events.length > 1;

		it.each([
			['a number', 42, 'a number'],
			['null', null, 'null'],
			['a list', ['127.0.0.1'], 'a list of 1 entries'],
		])('Allowed IPs holding %s: 500 naming it, for any sender', async (_case, allowedIps, kind) => {
			await refusal(
				{ options: { allowedIps } },
				"The node's Allowed IPs option is not text: expected addresses or ranges separated by commas, or nothing",
				new RegExp(`Allowed IPs holds ${kind}`),
			);
			const forged = await send({ options: { allowedIps }, headers: { authorization: 'forged' } });
			expect(forged.status).toBe(500);
		});

		it.each([
			['text that is not true or false', 'yes', 'a string of 3 characters'],
			['a number', 1, 'a number'],
			['null', null, 'null'],
		])(
			'Ignore Test Deliveries or Ignore Redeliveries holding %s: 500 naming it',
			async (_case, value, kind) => {
				await refusal(
					{ options: { ignoreTests: value } },
					"The node's Ignore Test Deliveries option is not true or false",
					new RegExp(`Ignore Test Deliveries holds ${kind}`),
				);
				await refusal(
					{ options: { ignoreRedeliveries: value } },
					"The node's Ignore Redeliveries option is not true or false",
					new RegExp(`Ignore Redeliveries holds ${kind}`),
				);
			},
		);

		it('takes "true" and "false" as text for its switches, as an environment variable holds them', async () => {
			await runs({ options: { ignoreTests: 'false', ignoreRedeliveries: 'false' } });
			const nodeId = `text-switch-${kit.platform.name}`;
			await runs({ options: { ignoreTests: 'true', ignoreRedeliveries: 'true' }, nodeId });
			expect((await send({ options: { ignoreRedeliveries: 'true' }, nodeId })).json).toMatchObject({
				duplicate: true,
			});
		});

		it.each([
			['0', 0, 'a number'],
			['a negative number', -24, 'a number'],
			['NaN', NaN, 'a number'],
			['Infinity', Infinity, 'a number'],
			['less than the editor allows', MIN_REDELIVERY_WINDOW_HOURS / 2, 'a number'],
			['text that is not a number', '24h', 'a string of 3 characters'],
			['empty text', '', 'a string of 0 characters'],
			['null', null, 'null'],
			['a list', [24], 'a list of 1 entries'],
		])(
			'Redelivery Window holding %s, with Ignore Redeliveries on: 500 naming it',
			async (_case, redeliveryWindowHours, kind) => {
				await refusal(
					{ options: { ignoreRedeliveries: true, redeliveryWindowHours } },
					`The node's Redelivery Window (Hours) option is not a number of hours of at least ${MIN_REDELIVERY_WINDOW_HOURS}: a shorter window would let every redelivery run`,
					new RegExp(`Redelivery Window \\(Hours\\) holds ${kind}`),
				);
				// Hidden and unused while Ignore Redeliveries is off.
				await runs({ options: { redeliveryWindowHours } });
			},
		);

		it("takes a Redelivery Window from the editor's minimum up, as a number or as text", async () => {
			for (const [index, redeliveryWindowHours] of [
				MIN_REDELIVERY_WINDOW_HOURS,
				1.5,
				'2',
				' 0.5 ',
			].entries()) {
				const delivery = {
					options: { ignoreRedeliveries: true, redeliveryWindowHours },
					nodeId: `window-${kit.platform.name}-${index}`,
				};
				await runs(delivery);
				expect((await send(delivery)).json).toMatchObject({ duplicate: true });
			}
		});

		if (filters) {
			const kinds = kit.platform.events.join(', ');
			const triggerOn = `The node's Trigger On parameter does not hold ${kit.platform.displayName}'s events: expected some of *, ${kinds}`;
			it.each([
				['a number', 5, 'a number'],
				['null', null, 'null'],
				['an event the list does not send', 'nope', 'a string of 4 characters'],
				['a list with a number in it', [kit.platform.events[0], 7], 'a list of 2 entries'],
				['an object', { vote: true }, 'an object'],
			])(
				'Trigger On holding %s: 500 naming it, rather than filtering every delivery out',
				async (_case, events, kind) => {
					await refusal(
						{ parameters: { events } },
						triggerOn,
						new RegExp(`Trigger On holds ${kind}`),
					);
				},
			);

			it('Events option (versions 1 and 1.1) holding a number: 500 naming it', async () => {
				for (const typeVersion of [1, 1.1]) {
					await refusal(
						{ typeVersion, options: { events: 5 } },
						`The node's Events option does not hold ${kit.platform.displayName}'s events: expected some of ${kinds}`,
						/Events holds a number/,
					);
				}
			});

			it('Trigger On takes one event kind instead of a list, nothing chosen, and All Events', async () => {
				const sampleEvent = (await send({})).items[0].event;
				for (const events of [sampleEvent, [sampleEvent], [], ['*']])
					await runs({ parameters: { events } });
				const other = kit.platform.events.find((kind) => kind !== sampleEvent)!;
				expect((await send({ parameters: { events: other } })).json).toMatchObject({
					ignored: true,
				});
			});
		}
	},
);

it('ignores test deliveries with Ignore Test Deliveries as "true", on every list that sends them', async () => {
	let tests = 0;
	for (const { kit, node, credentials, sign } of nodesUnderTest) {
		for (const [name, body] of Object.entries(kit.examples)) {
			const send = (options: IDataObject) =>
				deliver(node, { headers: sign(body), body, credentials, options });
			if ((await send({})).items[0]?.isTest !== true) continue;
			tests++;
			expect([kit.platform.name, name, (await send({ ignoreTests: 'true' })).json]).toEqual([
				kit.platform.name,
				name,
				{ received: true, ignored: true, reason: 'Test delivery ignored by the node options' },
			]);
		}
	}
	expect(tests).toBeGreaterThan(0);
});

describe('the Redelivery Window in the editor', () => {
	it.each(nodesUnderTest)(
		'$platform: keeps it at or above the smallest window the pipeline takes',
		({ node }) => {
			const options = node.description.properties.find((property) => property.name === 'options')!
				.options as INodeProperties[];
			const window = options.find((entry) => entry.name === 'redeliveryWindowHours')!;
			expect(MIN_REDELIVERY_WINDOW_HOURS).toBeGreaterThan(0);
			expect(window.typeOptions).toMatchObject({
				minValue: MIN_REDELIVERY_WINDOW_HOURS,
				numberPrecision: 2,
			});
			expect(window.default).toBeGreaterThanOrEqual(MIN_REDELIVERY_WINDOW_HOURS);
		},
	);
});
