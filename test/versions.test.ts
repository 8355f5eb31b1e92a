/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
} from 'n8n-workflow';
import { deliver, type Delivery } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';

/**
 * Node versions as n8n's editor and runtime see them: which parameters each version shows (judged by n8n-workflow's
 * own display rules), the parameters a new node gets, what each version filters on, and the subtitle as n8n's
 * expression engine renders it.
 */
describe.each(nodesUnderTest)(
	'$platform: versions 1, 1.1 and 2',
	({ kit, node, credentials, sign }) => {
		const { description } = node;
		const kinds = kit.platform.events;
		const filters = kinds.length > 1;
		const nodeAt = (typeVersion: number, parameters: INodeParameters = {}): INode => ({
			id: 'node-1',
			name: 'Trigger',
			type: description.name,
			typeVersion,
			position: [0, 0],
			parameters,
		});
		const topLevel = (name: string) =>
			description.properties.find((property) => property.name === name);
		const option = (name: string) =>
			(topLevel('options')!.options as INodeProperties[]).find((entry) => entry.name === name);
		/** Whether the editor shows a top-level parameter. */
		const shows = (
			parameter: INodeProperties | undefined,
			typeVersion: number,
			parameters: INodeParameters = {},
		) =>
			parameter !== undefined &&
			NodeHelpers.displayParameter(
				parameters,
				parameter,
				nodeAt(typeVersion, parameters),
				description,
			);
		/** Whether the editor offers an option of the Options collection, as it judges it: among the collection's values. */
		const offers = (name: string, typeVersion: number, options: INodeParameters = {}) => {
			const entry = option(name);
			if (entry === undefined) return false;
			const parameters = { options };
			return NodeHelpers.displayParameterPath(
				{ parameters },
				entry,
				'parameters.options',
				nodeAt(typeVersion, parameters),
				description,
			);
		};
		/** The parameters n8n gives a node dropped on the canvas at this version. */
		const newNodeParameters = (typeVersion: number) =>
			NodeHelpers.getNodeParameters(
				description.properties,
				{},
				true,
				false,
				nodeAt(typeVersion),
				description,
			) as IDataObject;

		describe('in the editor', () => {
			it('shows Trigger On from version 2 on, and the Events option only before it', () => {
				for (const version of [1, 1.1])
					expect([version, shows(topLevel('events'), version), offers('events', version)]).toEqual([
						version,
						false,
						filters,
					]);
				expect([shows(topLevel('events'), 2), offers('events', 2)]).toEqual([filters, false]);
				if (filters)
					expect(topLevel('events')).toMatchObject({
						displayName: 'Trigger On',
						type: 'multiOptions',
					});
			});

			it('gives new nodes Trigger On at All Events, and nothing at the versions before it', () => {
				expect(newNodeParameters(2).events).toEqual(filters ? ['*'] : undefined);
				expect(newNodeParameters(2).options).toEqual({});
				expect(newNodeParameters(1.1)).not.toHaveProperty('events');
			});

			it.each([1, 1.1, 2])(
				'at version %s offers Redelivery Window only while Ignore Redeliveries is on',
				(version) => {
					expect(offers('redeliveryWindowHours', version)).toBe(false);
					expect(offers('redeliveryWindowHours', version, { ignoreRedeliveries: false })).toBe(
						false,
					);
					expect(offers('redeliveryWindowHours', version, { ignoreRedeliveries: true })).toBe(true);
					expect(offers('ignoreRedeliveries', version)).toBe(true);
				},
			);

			it('describes its options without environment variables', () => {
				for (const entry of topLevel('options')!.options as INodeProperties[])
					expect(entry.description).not.toMatch(/\bN8N_[A-Z_]+/);
			});

			it('names the chosen events in its subtitle, in Title Case, at every version', () => {
				const nodeTypes = {
					getByName: () => node,
					getByNameAndVersion: () => node,
					getKnownTypes: () => ({}),
				} as unknown as INodeTypes;
				const subtitle = (typeVersion: number, parameters: INodeParameters) => {
					const at = nodeAt(typeVersion, parameters);
					const workflow = new Workflow({ nodes: [at], connections: {}, active: false, nodeTypes });
					return workflow.expression.getSimpleParameterValue(
						at,
						description.subtitle as string,
						'internal',
						{},
					);
				};
				const names = Object.fromEntries(
					(topLevel('events')?.options ?? option('events')?.options ?? []).map((entry) => [
						'value' in entry ? entry.value : '',
						entry.name,
					]),
				);
				if (!filters) {
					expect(subtitle(2, newNodeParameters(2) as INodeParameters)).toBe('Vote');
					return;
				}
				const chosen = [kinds[0], kinds[kinds.length - 1]];
				const named = chosen.map((kind) => names[kind]).join(', ');
				expect(subtitle(2, newNodeParameters(2) as INodeParameters)).toBe('All Events');
				expect(subtitle(2, { events: chosen, options: {} })).toBe(named);
				expect(subtitle(2, { events: [], options: {} })).toBe('All Events');
				expect(subtitle(1.1, { options: { events: chosen } })).toBe(named);
				expect(subtitle(1, { options: {} })).toBe('All Events');
				expect(named).toMatch(/^([A-Z][a-z]*)( [A-Z][a-z]*)*(, ([A-Z][a-z]*)( [A-Z][a-z]*)*)*$/);
			});

			it('says in its codex the version new nodes get', () => {
				const codex = JSON.parse(
					readFileSync(
						join(__dirname, '..', 'nodes', kit.folder, `${kit.folder}Trigger.node.json`),
						'utf8',
					),
				) as { nodeVersion: string };
				expect(codex.nodeVersion).toBe((description.defaultVersion as number).toFixed(1));
			});
		});

		describe('on a delivery', () => {
			const send = (body: string, extra: Partial<Delivery>) =>
				deliver(node, { headers: sign(body), body, credentials, ...extra });
			/** The list's examples that a node at its defaults emits, with the event kind of each. */
			const emitted = async () => {
				const kinds: Array<{ body: string; event: string }> = [];
				for (const body of Object.values(kit.examples)) {
					const answer = await send(body, { typeVersion: 1.1 });
					if (answer.items.length === 1)
						kinds.push({ body, event: answer.items[0].event as string });
				}
				return kinds;
			};

			it('at its defaults at version 2, emits every example version 1.1 emits at its defaults', async () => {
				const examples = await emitted();
				expect(examples.length).toBeGreaterThan(0);
				for (const { body, event } of examples) {
					const answer = await send(body, {
						typeVersion: 2,
						parameters: newNodeParameters(2),
						options: {},
					});
					expect([answer.status, answer.json, answer.items.map((item) => item.event)]).toEqual([
						200,
						{ received: true },
						[event],
					]);
				}
			});

			if (filters) {
				it('at version 2, reads one event kind an expression gives as that kind alone', async () => {
					for (const { body, event } of await emitted()) {
						const answer = await send(body, { typeVersion: 2, parameters: { events: kinds[0] } });
						expect([event, answer.items.length]).toEqual([event, event === kinds[0] ? 1 : 0]);
					}
				});

				it('at version 2, starts the workflow for the events chosen in Trigger On only, whatever the options hold', async () => {
					const kept = kinds[0];
					const examples = await emitted();
					expect(new Set(examples.map(({ event }) => event)).size).toBeGreaterThan(1);
					for (const { body, event } of examples) {
						const answer = await send(body, {
							typeVersion: 2,
							parameters: { events: [kept] },
							options: { events: [kinds[1]] },
						});
						if (event === kept) expect(answer.items).toHaveLength(1);
						else
							expect([answer.items, answer.json]).toEqual([
								[],
								{
									received: true,
									ignored: true,
									reason: `Event "${event}" is not selected in Trigger On`,
								},
							]);
					}
				});
			} else {
				it('at version 2, has no event filter: an events value a workflow holds changes nothing', async () => {
					for (const { body } of await emitted()) {
						const answer = await send(body, {
							typeVersion: 2,
							parameters: { events: ['no-such-event'] },
							options: { events: ['no-such-event'] },
						});
						expect(answer.items).toHaveLength(1);
					}
				});
			}

			it.each([1, 1.1])(
				"at version %s, still filters on the options' Events and not on a Trigger On value",
				async (version) => {
					const kept = kinds[0];
					for (const { body, event } of await emitted()) {
						const filtered = await send(body, {
							typeVersion: version,
							options: { events: [kept] },
						});
						expect([event, filtered.items.length]).toEqual([event, event === kept ? 1 : 0]);
						if (event !== kept)
							expect(filtered.json.reason).toBe(
								`Event "${event}" is not selected in the node options`,
							);
						const unfiltered = await send(body, {
							typeVersion: version,
							parameters: { events: ['no-such-event'] },
							options: {},
						});
						expect(unfiltered.items).toHaveLength(1);
					}
				},
			);
		});
	},
);
