/*
 * The workflows under test: one per scenario, each holding that scenario's triggers, every trigger chained into an
 * HTTP Request to the recorder at `/capture/<scenario>/<list>`. A scenario thus counts only the executions of its
 * own workflow and reads only the items at its own targets, whatever ran before it.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Credentials, Headers, ListKit } from '../../shared/kit';

export interface Trigger {
	name: string;
	kit: ListKit;
	webhookId: string;
	/** The workflow that holds it, whose executions its deliveries start. */
	workflowId: string;
	/** Where its items arrive at the recorder: `/capture/<target>`. */
	target: string;
	credentialId: string;
	credentialData: Credentials;
	parameters: IDataObject;
	typeVersion: number;
}

/** A scenario's own workflow: its id and name in n8n, and its triggers. */
export interface ScenarioWorkflow {
	id: string;
	name: string;
	/** The prefix of every target of its triggers at the recorder: `/capture/<key>/`. */
	prefix: string;
	triggers: Trigger[];
}

const uuid = (group: number, index: number) =>
	`0e2e0000-0000-4000-8000-${String(group * 1000 + index).padStart(12, '0')}`;
const blank = (kit: ListKit): Credentials =>
	Object.fromEntries(Object.keys(kit.credentials).map((field) => [field, '']));

/** The one event kind the filtered triggers keep (with tests ignored): the list's first, a vote on every list. */
export const keptEventOf = (kit: ListKit) => kit.platform.events[0];
/** A documentation address (RFC 5737) standing for the list's sender behind a reverse proxy. */
export const SENDER_IP = '198.51.100.7';
export const CONFIGURED_BOT_ID = '264811613708746752';

/** Builds a scenario's workflow: `key` names it (`bltE2e<key>`) and its targets; `group` numbers its webhook ids. */
function scenario(
	key: string,
	group: number,
	build: (add: (kit: ListKit, label: string, extra?: Partial<Trigger>) => Trigger) => void,
): ScenarioWorkflow {
	const id = `bltE2e${key[0].toUpperCase()}${key.slice(1)}`;
	const triggers: Trigger[] = [];
	const add = (kit: ListKit, label: string, extra: Partial<Trigger> = {}) => {
		const index = triggers.length;
		const entry: Trigger = {
			name: `${kit.platform.displayName} Trigger (${label})`,
			kit,
			webhookId: uuid(group, index),
			workflowId: id,
			target: `${key}/${label.replace(/\W+/g, '-')}-${kit.platform.name}`,
			credentialId: `bltE2e${group}x${index}`,
			credentialData: kit.credentials,
			parameters: {},
			// The version a node dropped on the canvas gets; the filtered triggers and dedupe-off cover the older ones.
			typeVersion: 2,
			...extra,
		};
		triggers.push(entry);
		return entry;
	};
	build(add);
	return { id, name: `E2E ${key}`, prefix: `/capture/${key}/`, triggers };
}

/** One trigger per list, with the list's credential and no parameter. */
const everyList = (key: string, group: number, lists: readonly ListKit[]) =>
	scenario(key, group, (add) => lists.forEach((kit) => add(kit, key)));

/** Every scenario's workflow for `lists`; the scenarios about the shared pipeline and n8n run on the first list. */
export function scenarioWorkflows(lists: readonly ListKit[]) {
	const FIRST = lists[0];
	const OMITTING_TARGET = lists.filter((kit) => kit.platform.omitsTarget === true);
	return {
		examples: everyList('examples', 1, lists),
		protocols: everyList('protocols', 2, lists),
		n8nAnswers: scenario('n8nAnswers', 3, (add) => add(FIRST, 'n8n answers')),
		refusals: scenario('refusals', 4, (add) => {
			lists.forEach((kit) => add(kit, 'refusals'));
			lists.forEach((kit) => add(kit, 'no secret', { credentialData: blank(kit) }));
		}),
		/** Every other list filters at version 2 with Trigger On, the rest at 1.1 with the options' Events, as saved workflows hold it. */
		filtered: scenario('filtered', 5, (add) =>
			lists.forEach((kit, index) =>
				add(
					kit,
					'filtered',
					index % 2 === 0
						? { parameters: { events: [keptEventOf(kit)], options: { ignoreTests: true } } }
						: {
								typeVersion: 1.1,
								parameters: { options: { events: [keptEventOf(kit)], ignoreTests: true } },
							},
				),
			),
		),
		/** The lists whose deliveries name no target: their node's Bot ID parameter, set to an id and to something else. */
		botId: scenario('botId', 6, (add) => {
			OMITTING_TARGET.forEach((kit) =>
				add(kit, 'bot-id', { parameters: { botId: CONFIGURED_BOT_ID } }),
			);
			OMITTING_TARGET.forEach((kit) =>
				add(kit, 'bot-id-invalid', { parameters: { botId: 'My Bot' } }),
			);
		}),
		/**
		 * An option whose expression fails to evaluate, beside a plain trigger of the same list (the forger's 401 to
		 * compare with). n8n's expression engines swallow most errors (`$json.nope.deeper` gives undefined in a
		 * trigger) and throw only their own ExpressionError, as for a node that does not exist.
		 */
		brokenOption: scenario('brokenOption', 7, (add) => {
			add(FIRST, 'broken-option', {
				parameters: { options: { ignoreTests: "={{ $('No Such Node').item.json.ignore }}" } },
			});
			add(FIRST, 'plain');
		}),
		answerTime: everyList('answerTime', 8, lists),
		allowedIp: scenario('allowedIp', 9, (add) =>
			add(FIRST, 'allowed-ip', { parameters: { options: { allowedIps: SENDER_IP } } }),
		),
		huge: everyList('huge', 10, lists),
		flood: scenario('flood', 11, (add) => add(FIRST, 'flood')),
		dedupe: scenario('dedupe', 12, (add) => {
			add(FIRST, 'dedupe-on', { parameters: { options: { ignoreRedeliveries: true } } });
			// Version 1, as workflows saved before 1.1 existed hold it: it must keep working.
			add(FIRST, 'dedupe-off', { typeVersion: 1 });
		}),
	};
}

export type ScenarioWorkflows = ReturnType<typeof scenarioWorkflows>;

/** The trigger node and its Record step (an HTTP Request to the recorder) of one trigger. */
function nodesOf(
	entry: Trigger,
	recorderUrl: string,
	packageName: string,
	row: number,
): IDataObject[] {
	const { description } = new entry.kit.Node();
	return [
		{
			id: `${entry.webhookId}-t`,
			name: entry.name,
			type: `${packageName}.${description.name}`,
			typeVersion: entry.typeVersion,
			position: [0, row * 100],
			webhookId: entry.webhookId,
			parameters: entry.parameters,
			credentials: {
				[entry.kit.platform.credentialType]: { id: entry.credentialId, name: entry.name },
			},
		},
		{
			id: `${entry.webhookId}-r`,
			name: `Record ${entry.name}`,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [300, row * 100],
			parameters: {
				method: 'POST',
				url: `${recorderUrl}/capture/${entry.target}`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
				options: {},
			},
		},
	];
}

/** A scenario's workflow as `n8n import:workflow` reads it. */
export function captureWorkflow(
	recorderUrl: string,
	workflow: ScenarioWorkflow,
	packageName: string,
) {
	const nodes = workflow.triggers.flatMap((entry, row) =>
		nodesOf(entry, recorderUrl, packageName, row),
	);
	const connections: IDataObject = Object.fromEntries(
		workflow.triggers.map((entry) => [
			entry.name,
			{ main: [[{ node: `Record ${entry.name}`, type: 'main', index: 0 }]] },
		]),
	);
	return {
		id: workflow.id,
		name: workflow.name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const captureCredentials = (triggers: readonly Trigger[]) =>
	triggers.map((entry) => ({
		id: entry.credentialId,
		name: entry.name,
		type: entry.kit.platform.credentialType,
		data: entry.credentialData,
	}));

/** Proof headers replaced by a wrong value: what a forger who knows the list's scheme sends. */
export const forgedHeaders = (headers: Headers, value: string): Headers =>
	Object.fromEntries(Object.keys(headers).map((name) => [name, value]));

/** A Discord id for the n-th voter of a scenario. */
export const voter = (scenario: number, n: number) =>
	String(710000000000000000n + BigInt(scenario * 100_000 + n));
