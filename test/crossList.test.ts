import type { IDataObject } from 'n8n-workflow';
import { LISTS } from './registry';
import { sendersOf, type Headers, type ListKit } from './shared/kit';
import { ALL_BUT_DATE, deliver, type Answer } from './helpers/deliver';

/*
 * One secret reused across lists, and a URL pasted into the wrong dashboard: every list's trigger gets every
 * other list's deliveries under its own secret. What the other list calls a test, or something other than a
 * vote, must never become a real vote there (README, "Another list's deliveries"). Everything here comes from
 * the registry: a new list is sent to and from every other one with no edit.
 */

interface Foreign {
	from: ListKit;
	name: string;
	body: string;
	/** What the list that sent it made of it: a test, or no vote. */
	kind: string;
}

/** A delivery is a real vote when its item is one: `event: 'vote'` and `isTest: false`. */
const realVotes = (answer: Answer) =>
	answer.items.filter((item) => item.event === 'vote' && item.isTest === false);

/** Each documented example that its own list does not emit as a real vote: a test, a review, a purchase, an ignored event. */
async function notVotesOf(kit: ListKit): Promise<Foreign[]> {
	const found: Foreign[] = [];
	for (const [name, body] of Object.entries(kit.examples)) {
		const own = await deliver(new kit.Node(), {
			headers: kit.sign(body, kit.credentials),
			body,
			credentials: { ...kit.credentials },
		});
		if (own.status !== 200)
			throw new Error(
				`${kit.platform.name} example ${name} is refused by its own list (${own.status})`,
			);
		if (realVotes(own).length > 0) continue;
		const item = own.items[0];
		found.push({
			from: kit,
			name,
			body,
			kind:
				item === undefined
					? 'ignored'
					: item.isTest === true
						? `test (${String(item.event)})`
						: String(item.event),
		});
	}
	return found;
}

/**
 * Every way list `to` can be reached with its own secret: each protocol its sender has (a signature over the
 * foreign body, as if the foreign list signed with the shared secret), and each header secret alone, the way a
 * foreign list sends the secret it was given (its Authorization, say).
 */
function routesInto(
	to: ListKit,
): Array<{ route: string; wire(body: string): { headers: Headers; body: string } }> {
	const protocols = Object.entries(sendersOf(to)).map(([protocol, send]) => ({
		route: protocol,
		wire: (body: string) => send(body, to.credentials),
	}));
	const secrets = to.tokenSchemes.flatMap((scheme) =>
		scheme.headerNames.map((header) => ({
			route: `${header} = ${scheme.field}`,
			wire: (body: string) => ({
				headers: { ...scheme.routedBy, [header]: to.credentials[scheme.field] },
				body,
			}),
		})),
	);
	return [...protocols, ...secrets];
}

const send = (
	to: ListKit,
	wire: { headers: Headers; body: string },
	extra: { options?: IDataObject; nodeId?: string } = {},
) => deliver(new to.Node(), { ...wire, credentials: { ...to.credentials }, ...extra });

describe("another list's tests and non-votes", () => {
	let foreign: Foreign[];

	beforeAll(async () => {
		foreign = (await Promise.all(LISTS.map(notVotesOf))).flat();
	});

	it('are found among the documented examples, for at least half the lists', () => {
		// Without them every check below would pass whatever the nodes did.
		expect(new Set(foreign.map(({ from }) => from.platform.name)).size).toBeGreaterThanOrEqual(
			LISTS.length / 2,
		);
	});

	it.each(LISTS.map((to) => [to.platform.name, to] as const))(
		'reach %s as anything but a real vote, by every route its secret opens',
		async (_name, to) => {
			const votes: string[] = [];
			for (const { from, name, body, kind } of foreign) {
				if (from === to) continue;
				for (const { route, wire } of routesInto(to)) {
					const answer = await send(to, wire(body));
					if (realVotes(answer).length > 0)
						votes.push(`${from.platform.name} ${name} [${kind}] via ${route}`);
				}
			}
			expect(votes).toEqual([]);
		},
	);

	describe('a foreign test a list emits', () => {
		// Only Date is faked: the window ids of lists without a vote time then fall in one window for both deliveries.
		beforeEach(() =>
			jest.useFakeTimers({
				now: Date.parse('2026-03-01T06:00:00.000Z'),
				doNotFake: [...ALL_BUT_DATE],
			}),
		);
		afterEach(() => jest.useRealTimers());

		it("is a test that Ignore Test Deliveries drops, and never stands for the same voter's genuine vote that follows it", async () => {
			const emitted: string[] = [];
			for (const to of LISTS) {
				for (const { from, name, body } of foreign) {
					if (from === to) continue;
					for (const { route, wire } of routesInto(to)) {
						const item = (await send(to, wire(body))).items[0];
						if (item === undefined) continue;
						const pair = `${from.platform.name} ${name} -> ${to.platform.name} via ${route}`;
						emitted.push(pair);
						expect([pair, item.isTest]).toEqual([pair, true]);
						expect([
							pair,
							(await send(to, wire(body), { options: { ignoreTests: true } })).items,
						]).toEqual([pair, []]);
						// With Ignore Redeliveries on, the test first, then a genuine vote by the user it named.
						const nodeId = `after-${emitted.length}`;
						await send(to, wire(body), { options: { ignoreRedeliveries: true }, nodeId });
						const genuine = to.voteBy(
							typeof item.userId === 'string' ? item.userId : '123456789012345678',
							new Date(),
						);
						const after = await send(
							to,
							{ headers: to.sign(genuine, to.credentials), body: genuine },
							{ options: { ignoreRedeliveries: true }, nodeId },
						);
						expect([pair, realVotes(after).length]).toEqual([pair, 1]);
					}
				}
			}
			// Lists that read none of another list's test flags emit it marked: at least those are checked here.
			expect(emitted.length).toBeGreaterThan(0);
		});
	});

	describe("a list's own vote that gains a field", () => {
		beforeEach(() =>
			jest.useFakeTimers({
				now: Date.parse('2026-03-01T06:00:00.000Z'),
				doNotFake: [...ALL_BUT_DATE],
			}),
		);
		afterEach(() => jest.useRealTimers());

		/**
		 * Fields a list may add to its votes one day that look like the markers but are not: a marker's key with a
		 * value no list sends for a test, a marker's value under another key, markers below the top level (where a
		 * vote page's query is), and a `__proto__` key. Each is added only where the vote does not have that key.
		 */
		const additions: Record<string, string> = {
			'type upvote': '"type":"upvote"',
			'event vote': '"event":"vote"',
			'action review': '"action":"review"',
			'test false': '"test":false',
			'isTest false': '"isTest":false',
			'is_test false': '"is_test":false',
			'metadata.test false': '"metadata":{"test":false}',
			'kind review': '"kind":"review"',
			'markers nested in another key':
				'"extra":{"isTest":true,"test":true,"type":"review","metadata":{"test":true}}',
			'markers under __proto__':
				'"__proto__":{"isTest":true,"test":true,"type":"test","event":"premium_purchase"}',
		};

		const votes = LISTS.flatMap((kit) =>
			Object.entries(kit.examples).map(([name, body]) => ({ kit, name, body })),
		);

		it('stays the same vote, field for field', async () => {
			let checked = 0;
			for (const { kit, name, body } of votes) {
				const before = await send(kit, { headers: kit.sign(body, kit.credentials), body });
				if (realVotes(before).length === 0) continue;
				const parsed = JSON.parse(body) as Record<string, unknown>;
				for (const [addition, json] of Object.entries(additions)) {
					const key = JSON.parse(`{${json}}`) as Record<string, unknown>;
					if (
						Object.keys(key).some((field) => Object.hasOwn(parsed, field)) ||
						(json.startsWith('"__proto__"') && body.includes('"__proto__"'))
					)
						continue;
					const grown = body.replace(/}\s*$/, `,${json}}`);
					const headers = kit.sign(grown, kit.credentials);
					// A kit that signs by what the body names (Rankly's `event`) would send it as another family's delivery.
					if (Object.keys(headers).join() !== Object.keys(kit.sign(body, kit.credentials)).join())
						continue;
					const after = await send(kit, { headers, body: grown });
					const label = `${kit.platform.name} ${name} + ${addition}`;
					expect([label, { ...after.items[0], raw: null }]).toEqual([
						label,
						{ ...before.items[0], raw: null },
					]);
					checked++;
				}
			}
			expect(checked).toBeGreaterThan(votes.length);
		});
	});
});
