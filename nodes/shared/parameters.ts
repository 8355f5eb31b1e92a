import type { IWebhookFunctions } from 'n8n-workflow';
import type { BotListEvent, Platform, Refusal } from './platform';
import { discordIdOrNull } from './payload';

/*
 * The node's parameters as the pipeline reads them: each where it is used, each refused by name when an expression
 * fails or gives what the pipeline cannot use. Names and defaults are public API of saved workflows.
 */

/** The shortest Redelivery Window the editor accepts, in hours (36 seconds): a window of 0 or less remembers nothing. */
export const MIN_REDELIVERY_WINDOW_HOURS = 0.01;

/** The node parameter a list that omits its target offers (see description.ts): public API of saved workflows. */
export const BOT_ID_PARAMETER = 'botId';

/** A parameter's value as the pipeline uses it, or the refusal naming the parameter. */
export type Setting<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

/**
 * A node parameter as the pipeline reads it. An expression may give any value, or fail to evaluate (n8n's
 * getNodeParameter then throws): both are refused by name, never thrown on.
 */
interface Parameter<T> {
	/** Where n8n holds it: a name, or a dotted path into the Options collection. */
	path: string;
	/** As the editor shows it. */
	displayName: string;
	kind: 'parameter' | 'option';
	/** What n8n gives when the workflow holds no value: the editor's default. */
	fallback: unknown;
	/** The value as the pipeline uses it, or undefined when the parameter holds something it cannot use. */
	accept(value: unknown): { value: T } | undefined;
	/** What the refusal says of a value `accept` does not take. */
	problem: string;
}

/** An expression's error may be long (it can quote the expression): the log gets this much of it. */
const MAX_EXPRESSION_ERROR_CHARS = 200;

/**
 * Reads one parameter. A refusal names it as the editor does; the expression's error and the kind of value held
 * go to n8n's log only, never the value itself, which may hold anything an expression reached.
 */
export function readParameter<T>(context: IWebhookFunctions, parameter: Parameter<T>): Setting<T> {
	const name = `The node's ${parameter.displayName} ${parameter.kind}`;
	let value: unknown;
	try {
		value = context.getNodeParameter(parameter.path, parameter.fallback);
	} catch (error) {
		return {
			ok: false,
			status: 500,
			error: `${name} could not be read: see the n8n log`,
			detail: messageOf(error).slice(0, MAX_EXPRESSION_ERROR_CHARS),
		};
	}
	const accepted = parameter.accept(value);
	if (accepted !== undefined) return { ok: true, value: accepted.value };
	return {
		ok: false,
		status: 500,
		error: `${name} ${parameter.problem}`,
		detail: `${parameter.displayName} holds ${kindOf(value)}`,
	};
}

/** What was thrown, as text: n8n throws Errors, but an expression may throw anything, even what String() cannot convert. */
function messageOf(thrown: unknown): string {
	if (thrown instanceof Error && typeof thrown.message === 'string') return thrown.message;
	try {
		return String(thrown);
	} catch {
		return 'a value that is not an error';
	}
}

/** The kind of a value, without the value. */
function kindOf(value: unknown): string {
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'string') return `a string of ${value.length} characters`;
	if (Array.isArray(value)) return `a list of ${value.length} entries`;
	return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}

/** The Bot ID: a Discord id, or nothing when left empty. */
export const BOT_ID: Parameter<string | undefined> = {
	path: BOT_ID_PARAMETER,
	displayName: 'Bot ID',
	kind: 'parameter',
	fallback: '',
	accept(value) {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
			return { value: undefined };
		const id = typeof value === 'string' ? discordIdOrNull(value.trim()) : null;
		return id === null ? undefined : { value: id };
	},
	problem: "is not a Discord id: expected your bot's id as text, digits only, or nothing",
};

export const ALLOWED_IPS: Parameter<string> = {
	path: 'options.allowedIps',
	displayName: 'Allowed IPs',
	kind: 'option',
	fallback: '',
	// Anything but text fails closed: an expression that gives null must not allow every sender.
	accept: (value) => (typeof value === 'string' ? { value } : undefined),
	problem: 'is not text: expected addresses or ranges separated by commas, or nothing',
};

/** True or false, or that as text: an environment variable, which an expression may read, holds text. */
function booleanOf(value: unknown): { value: boolean } | undefined {
	if (typeof value === 'boolean') return { value };
	if (value === 'true' || value === 'false') return { value: value === 'true' };
	return undefined;
}

export const IGNORE_TESTS: Parameter<boolean> = {
	path: 'options.ignoreTests',
	displayName: 'Ignore Test Deliveries',
	kind: 'option',
	fallback: false,
	accept: booleanOf,
	problem: 'is not true or false',
};

export const IGNORE_REDELIVERIES: Parameter<boolean> = {
	path: 'options.ignoreRedeliveries',
	displayName: 'Ignore Redeliveries',
	kind: 'option',
	fallback: false,
	accept: booleanOf,
	problem: 'is not true or false',
};

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A window that remembers: 0, a negative number or NaN would silently let every redelivery run. */
export const REDELIVERY_WINDOW: Parameter<number> = {
	path: 'options.redeliveryWindowHours',
	displayName: 'Redelivery Window (Hours)',
	kind: 'option',
	fallback: 24,
	accept(value) {
		const hours = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value;
		return typeof hours === 'number' &&
			Number.isFinite(hours) &&
			hours >= MIN_REDELIVERY_WINDOW_HOURS
			? { value: hours }
			: undefined;
	},
	problem: `is not a number of hours of at least ${MIN_REDELIVERY_WINDOW_HOURS}: a shorter window would let every redelivery run`,
};

/** The node's Bot ID, for a list whose deliveries do not name their bot; nothing for the others, which have none. */
export function configuredTarget(
	context: IWebhookFunctions,
	platform: Platform<string>,
): Setting<string | undefined> {
	if (platform.omitsTarget !== true) return { ok: true, value: undefined };
	return readParameter(context, BOT_ID);
}

/** The value of Trigger On's "All Events" choice: every event kind, including kinds a later version of the list adds. */
export const ALL_EVENTS = '*';

/** From version 2 the event filter is the top-level Trigger On parameter (`events`); before, the Options collection's Events. */
export const TRIGGER_ON_VERSION = 2;

/** The event kinds that may start the workflow, or undefined for all of them, with where the choice was made. */
interface EventSelection {
	events?: readonly string[];
	where: string;
}

/**
 * Version 2 on: the Trigger On parameter, whose All Events choice (or nothing chosen) means every kind. Versions
 * 1 and 1.1: the Options collection's Events, empty meaning every kind, exactly as saved workflows expect. An
 * expression may give one event kind rather than a list; anything else it gives (a number, an event kind the
 * list does not send) is refused by name rather than quietly filtering every delivery out.
 */
function selectedEvents(
	context: IWebhookFunctions,
	platform: Platform<string>,
): Setting<EventSelection> {
	if (platform.events.length < 2) return { ok: true, value: { where: 'Trigger On' } };
	const triggerOn = context.getNode().typeVersion >= TRIGGER_ON_VERSION;
	const choices: readonly string[] = triggerOn ? [ALL_EVENTS, ...platform.events] : platform.events;
	const selection = readParameter<readonly string[] | undefined>(context, {
		path: triggerOn ? 'events' : 'options.events',
		displayName: triggerOn ? 'Trigger On' : 'Events',
		kind: triggerOn ? 'parameter' : 'option',
		fallback: triggerOn ? [ALL_EVENTS] : [],
		accept(value) {
			const chosen: unknown[] = Array.isArray(value) ? value : [value];
			if (!chosen.every((entry) => typeof entry === 'string' && choices.includes(entry)))
				return undefined;
			return {
				value:
					chosen.length === 0 || chosen.includes(ALL_EVENTS) ? undefined : (chosen as string[]),
			};
		},
		problem: `does not hold ${platform.displayName}'s events: expected some of ${choices.join(', ')}`,
	});
	if (!selection.ok) return selection;
	return {
		ok: true,
		value: { events: selection.value, where: triggerOn ? 'Trigger On' : 'the node options' },
	};
}

/** Why the node's filters answer this item without a run, if they do. */
export function filterReason(
	context: IWebhookFunctions,
	platform: Platform<string>,
	item: BotListEvent,
): Setting<string | undefined> {
	const ignoreTests = readParameter(context, IGNORE_TESTS);
	if (!ignoreTests.ok) return ignoreTests;
	const selection = selectedEvents(context, platform);
	if (!selection.ok) return selection;
	if (ignoreTests.value && item.isTest)
		return { ok: true, value: 'Test delivery ignored by the node options' };
	const events = selection.value.events ?? [];
	if (events.length > 0 && !events.includes(item.event)) {
		return { ok: true, value: `Event "${item.event}" is not selected in ${selection.value.where}` };
	}
	return { ok: true, value: undefined };
}
