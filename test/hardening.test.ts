import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';
import { LISTS } from './registry';
import { parseAllowList } from '../nodes/shared/ipAllowList';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from '../nodes/shared/body';
import { handleDelivery } from '../nodes/shared/pipeline';
import { deliver } from './helpers/deliver';
import { request } from './helpers/verdicts';

// eslint-disable-next-line no-control-regex -- control characters are what this pattern matches
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What a sustained attack on the triggers found, each fixed in the shared pipeline or helpers and checked here
 * on every list of the registry.
 */

const SCHEME_ONLY = [
	'Bearer ',
	'Bearer',
	'bearer\t',
	'Bearer\u00a0',
	' BEARER \n',
	'Bearer Bearer',
];
const GUESSES = ['Bearer', 'Bearer Bearer', 'bearer', 'Bearer bearer', 'Bearer  ', ''];

describe.each(
	LISTS.flatMap((kit) => kit.tokenSchemes.map((scheme) => [scheme.name, kit, scheme] as const)),
)('%s: a credential holding only the Bearer scheme', (_name, kit, scheme) => {
	it.each(SCHEME_ONLY)('saved as %j admits no request, as an empty secret would', (saved) => {
		const credentials = { ...kit.credentials, [scheme.field]: saved };
		for (const header of scheme.headerNames) {
			for (const guess of GUESSES) {
				const verdict = kit.platform.verify(
					request({ [header]: guess }, Buffer.from('{}')),
					credentials,
				);
				expect([header, guess, verdict.ok]).toEqual([header, guess, false]);
			}
		}
	});

	it.each(SCHEME_ONLY)('saved as %j fails the credential test, which says why', (saved) => {
		const result = kit.platform.checkCredential({ ...kit.credentials, [scheme.field]: saved });
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/only the "Bearer" scheme/);
	});

	it('still accepts a secret that follows the scheme', async () => {
		const credentials = {
			...kit.credentials,
			[scheme.field]: `Bearer ${kit.credentials[scheme.field]}`,
		};
		expect(kit.platform.checkCredential(credentials).ok).toBe(true);
	});
});

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: webhook() with a scheme-only secret',
	(_name, kit) => {
		it('answers a guessed "Authorization: Bearer" like a missing secret, starting nothing', async () => {
			const credentials = Object.fromEntries(
				Object.keys(kit.credentials).map((field) => [field, 'Bearer ']),
			);
			const body = kit.examples[kit.sample];
			for (const guess of GUESSES) {
				const headers = Object.fromEntries(kit.proofHeaders.map((name) => [name, guess]));
				const answer = await deliver(new kit.Node(), { headers, body, credentials });
				expect([guess, answer.status, answer.items]).toEqual([guess, expect.any(Number), []]);
				expect([401, 500]).toContain(answer.status);
			}
		});
	},
);

describe('Allowed IPs edges', () => {
	const kit = LISTS[0];
	const send = (options: IDataObject, ip: string) => {
		const body = kit.examples[kit.sample];
		return deliver(new kit.Node(), {
			headers: kit.sign(body, kit.credentials),
			body,
			credentials: { ...kit.credentials },
			options,
			ip,
		});
	};

	it.each(['10.0.0.1::', '10.0.0.1::1', '1.2.3.4:1::', '::1.2.3.4:1'])(
		'refuses %s as an entry (an IPv4 part only ends an address)',
		(entry) => {
			expect(parseAllowList(entry)).toEqual({ entries: [], invalid: [entry] });
		},
	);

	it.each(['::ffff:10.0.0.1', '64:ff9b::10.0.0.1', '::10.0.0.1'])(
		'still reads %s, which ends with its IPv4 part',
		(entry) => {
			expect(parseAllowList(entry).invalid).toEqual([]);
		},
	);

	it.each([' ', '   ', ',', ' , ,, ', '\n'])(
		'treats an option of only separators (%j) as empty: any sender',
		async (allowedIps) => {
			expect((await send({ allowedIps }, '203.0.113.7')).status).toBe(200);
		},
	);
});

describe.each([null, undefined, 'a string', 42])(
	"n8n's body reader rejecting with %p",
	(reason) => {
		it.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
			'%s: webhook() answers instead of throwing',
			async (_name, kit) => {
				const body = kit.examples[kit.sample];
				const answer = await deliver(new kit.Node(), {
					headers: kit.sign(body, kit.credentials),
					body,
					credentials: { ...kit.credentials },
					unread: { rejectWith: reason },
				});
				expect([400, 401, 415]).toContain(answer.status);
				expect(answer.items).toEqual([]);
			},
		);
	},
);

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: a body n8n left unread, of a type the list does not send',
	(_name, kit) => {
		const body = kit.examples[kit.sample];
		const send = (headers: Record<string, string>) =>
			deliver(new kit.Node(), {
				headers: { ...headers, 'content-type': 'application/octet-stream' },
				body,
				credentials: { ...kit.credentials },
				unread: 'readable',
			});

		it('is refused without being read: 401 for a wrong secret in the headers, else 415', async () => {
			const genuine = kit.sign(body, kit.credentials);
			const forged = Object.fromEntries(
				Object.keys(genuine).map((name) => [name, 'forged-secret']),
			);
			const answer = await send(forged);
			expect(answer.bodyRead).toBe(false);
			expect(answer.status).toBe(kit.platform.provesWithHeadersOnly(lowercase(forged)) ? 401 : 415);
			expect(answer.items).toEqual([]);
		});

		it('is refused with 415, unread, when the secret is right', async () => {
			const answer = await send(kit.sign(body, kit.credentials));
			expect([answer.status, answer.bodyRead, answer.items]).toEqual([415, false, []]);
			expect(answer.json.error).toMatch(/content type/);
		});
	},
);

describe('a list that declares another content type', () => {
	const kit = LISTS[0];
	const Node = class extends kit.Node {};
	it('has that type read and verified like JSON: the pipeline special-cases nothing', async () => {
		const platform = { ...kit.platform, contentTypes: ['text/plain'] };
		const node = new Node();
		node.webhook = async function (this: IWebhookFunctions) {
			return await handleDelivery.call(this, platform);
		};
		const body = kit.examples[kit.sample];
		const answer = await deliver(node, {
			headers: { ...kit.sign(body, kit.credentials), 'content-type': 'text/plain' },
			body,
			credentials: { ...kit.credentials },
			unread: 'readable',
		});
		expect([answer.status, answer.bodyRead, answer.items.length]).toEqual([200, true, 1]);
	});
});

const lowercase = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe('nesting depth', () => {
	it.each([
		['{"a":[[1]]}', 3, false],
		['{"a":[[[1]]]}', 3, true],
		['{"a":"[[[[[[[["}', 1, false],
		['{"a":"\\"[[[[","b":{}}', 1, true],
		['{"a":"\\\\","b":[[1]]}', 2, true],
		['[]]]]]{"a":{}}', 1, true],
	])('%s nests deeper than %d: %p', (text, limit, deeper) => {
		expect(nestsDeeperThan(Buffer.from(text), limit)).toBe(deeper);
	});
});

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: a genuine delivery nested deep under an extra key',
	(_name, kit) => {
		const nested = (depth: number) =>
			kit.examples[kit.sample].replace(
				/}\s*$/,
				`,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`,
			);
		const send = (body: string) =>
			deliver(new kit.Node(), {
				headers: kit.sign(body, kit.credentials),
				body,
				credentials: { ...kit.credentials },
			});

		it.each([MAX_NESTING_DEPTH, 12_000])(
			'is refused with 400 beyond the limit (an array %d deep)',
			async (depth) => {
				const answer = await send(nested(depth));
				expect([answer.status, answer.items]).toEqual([400, []]);
				expect(answer.json.error).toBe(
					`Body nests deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays`,
				);
			},
		);

		it('is accepted within it, and its item survives every copy n8n makes', async () => {
			const answer = await send(nested(MAX_NESTING_DEPTH - 2));
			expect(answer.status).toBe(200);
			expect(() => structuredClone(answer.items[0])).not.toThrow();
			expect(() => deepCopy(answer.items[0])).not.toThrow();
			expect(() => JSON.stringify(answer.items[0])).not.toThrow();
		});
	},
);

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: event ids',
	(_name, kit) => {
		it.each(Object.entries(kit.examples))(
			'%s: namespaced by list and event kind',
			async (_example, body) => {
				const answer = await deliver(new kit.Node(), {
					headers: kit.sign(body, kit.credentials),
					body,
					credentials: { ...kit.credentials },
				});
				// A documented delivery that is not for a workflow (Infinity's TEAM_EDIT) has no item to name.
				if (answer.json.ignored === true)
					return expect([answer.status, answer.items]).toEqual([200, []]);
				const [item] = answer.items;
				expect((item.eventId as string).startsWith(`${kit.platform.name}:${item.event}:`)).toBe(
					true,
				);
				expect((item.eventId as string).length).toBeGreaterThan(
					`${kit.platform.name}:${item.event}:`.length,
				);
			},
		);
	},
);

/** Every string leaf of `value`, each replaced in turn by `replacement`. */
function eachStringReplaced(value: unknown, replacement: string): unknown[] {
	if (typeof value === 'string') return [replacement];
	if (typeof value !== 'object' || value === null) return [];
	const variants: unknown[] = [];
	for (const key of Object.keys(value)) {
		for (const changed of eachStringReplaced(
			(value as Record<string, unknown>)[key],
			replacement,
		)) {
			variants.push(
				Array.isArray(value)
					? Object.assign([...value], { [key]: changed })
					: { ...value, [key]: changed },
			);
		}
	}
	return variants;
}

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s: control characters from a sender',
	(_name, kit) => {
		const FORGED = 'x\r\n2026-01-01T00:00:00.000Z info forged line\u2028\u0000\u001b[31m';
		it('never reach the answer or the log raw, in any string field of any documented example', async () => {
			for (const example of Object.values(kit.examples)) {
				for (const payload of eachStringReplaced(JSON.parse(example), FORGED)) {
					const body = JSON.stringify(payload);
					const answer = await deliver(new kit.Node(), {
						headers: kit.sign(body, kit.credentials),
						body,
						credentials: { ...kit.credentials },
					});
					const written = [JSON.stringify(answer.json), ...answer.logs].join('\n');
					for (const line of answer.logs) expect(line).not.toMatch(CONTROL_CHARACTER);
					expect(written).not.toContain('\r\n2026');
					if (answer.status !== 200)
						expect(String(answer.json.error)).not.toMatch(CONTROL_CHARACTER);
				}
			}
		});
	},
);
