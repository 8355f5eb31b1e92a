import type { EventFields, Mapping, Platform } from './platform';
import { eventDigest, isObject } from './payload';

/*
 * One secret reused across lists and a URL pasted into the wrong dashboard send one list's deliveries to another
 * list's trigger, which proves them (the secret is the same) and reads only the keys it knows: DiscordForge's test
 * button, `{"id":…,"isTest":true}`, is a genuine-looking Discord Bot List vote, a Discords review or top.gg v0 test
 * a discord.place vote. So what every list sends to say "test" or "not a vote" is known to every trigger.
 *
 * Only a delivery the list itself is about to emit as a real vote is looked at, so no list's own test, comment or
 * purchase changes, and a key a list reads itself (Diffcord's `test`, Discords' `type`) keeps the list's meaning.
 * The markers are exact values another list documents, at the top level of the body where a voter's input (a vote
 * page's query) never is: a vote that gains a field of its own stays a vote, and no voter can make their vote a test.
 */

interface Marker {
	/** Key path from the body's top level. */
	path: readonly string[];
	values: ReadonlyArray<string | boolean>;
	/** The list that sends it, and what it means there: for the answer that names why. */
	sentBy: string;
	means: string;
}

/** Another list's test delivery: marked as a test rather than refused, as the list's own tests are emitted. */
const TEST_MARKERS: readonly Marker[] = [
	{ path: ['type'], values: ['webhook.test'], sentBy: 'Top.gg', means: 'a test' },
	{
		path: ['type'],
		values: ['test'],
		sentBy: 'Top.gg (v0), Discords, BotRadar and Void Bots',
		means: 'a test',
	},
	{
		path: ['test'],
		values: [true],
		sentBy: 'Diffcord, Rankly, discord.place and dlist.space',
		means: 'a test',
	},
	{ path: ['is_test'], values: [true], sentBy: 'Discollab', means: 'a test' },
	{
		path: ['metadata', 'test'],
		values: [true],
		sentBy: 'Omniplex (Infinity Bot List)',
		means: 'a test',
	},
	{ path: ['isTest'], values: [true], sentBy: 'DiscordForge', means: 'a test' },
	{ path: ['type'], values: ['test_webhook_message'], sentBy: 'Boticord', means: 'a test' },
];

const RANKLY_COMMERCE = [
	'premium_purchase',
	'subscription.renewed',
	'subscription.expired',
	'subscription.revoked',
];

/** Another list's event that is no vote at all: answered as ignored, never run as a vote. */
const NOT_A_VOTE: readonly Marker[] = [
	{ path: ['type'], values: ['review'], sentBy: 'Discords', means: 'a review' },
	{
		path: ['type'],
		values: ['NEW_REVIEW', 'EDIT_REVIEW', 'DELETE_REVIEW'],
		sentBy: 'Omniplex (Infinity Bot List)',
		means: 'a review',
	},
	{
		path: ['type'],
		values: ['TEAM_EDIT'],
		sentBy: 'Omniplex (Infinity Bot List)',
		means: "a team's settings",
	},
	{
		path: ['type'],
		values: [
			'new_bot_comment',
			'edit_bot_comment',
			'delete_bot_comment',
			'new_server_comment',
			'edit_server_comment',
			'delete_server_comment',
			'comment_added',
			'comment_edited',
			'comment_removed',
		],
		sentBy: 'Boticord',
		means: 'a comment',
	},
	// Rankly names its event in `event`, and reads `type` when `event` is absent.
	{
		path: ['event'],
		values: RANKLY_COMMERCE,
		sentBy: 'Rankly',
		means: 'a purchase or subscription',
	},
	{
		path: ['type'],
		values: RANKLY_COMMERCE,
		sentBy: 'Rankly',
		means: 'a purchase or subscription',
	},
	{
		path: ['type'],
		values: ['integration.create', 'integration.delete'],
		sentBy: 'Top.gg',
		means: "an integration's setup",
	},
];

/** The own value at `path`, or undefined: inherited keys (`__proto__`'s) are never read. */
function valueAt(body: Record<string, unknown>, path: readonly string[]): unknown {
	let value: unknown = body;
	for (const key of path) {
		if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
		value = value[key];
	}
	return value;
}

function found(
	markers: readonly Marker[],
	body: Record<string, unknown>,
): { marker: Marker; value: string | boolean } | undefined {
	for (const marker of markers) {
		const value = valueAt(body, marker.path);
		if ((typeof value === 'string' || typeof value === 'boolean') && marker.values.includes(value))
			return { marker, value };
	}
	return undefined;
}

/**
 * `mapping` as the pipeline uses it: unchanged, unless the list made a real vote (`vote`, not a test) of a body
 * that carries another list's test marker (then it is a test: `test` where the list has that event, else a `vote`
 * with `isTest: true`, as that list's own tests are) or names another list's event that is no vote (then it is
 * answered as ignored, with the reason).
 */
export function withOtherListsMarkers(
	platform: Pick<Platform, 'events'>,
	body: Record<string, unknown>,
	mapping: Mapping,
	receivedAt: Date,
): Mapping {
	if (mapping.ok !== true || mapping.fields.event !== 'vote' || mapping.fields.isTest)
		return mapping;
	const notVote = found(NOT_A_VOTE, body);
	if (notVote !== undefined) {
		const { marker, value } = notVote;
		return {
			ok: 'ignored',
			reason: `${marker.path.join('.')} ${JSON.stringify(value)} is ${marker.sentBy}'s name for ${marker.means}, not a vote: is this URL in the right dashboard?`,
		};
	}
	const test = found(TEST_MARKERS, body);
	if (test === undefined) return mapping;
	const fields: EventFields = Object.assign({}, mapping.fields, {
		event: platform.events.includes('test') ? ('test' as const) : ('vote' as const),
		isTest: true,
		// Each test is its own event, as the lists' own tests are: a window id would also be the next genuine vote's,
		// which Ignore Redeliveries would then drop.
		eventId: eventDigest('test', mapping.fields.eventId, receivedAt.getTime()),
		nextVoteAt: null,
	});
	return { ...mapping, fields };
}
