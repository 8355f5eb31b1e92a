import { fc, it } from '@fast-check/jest';
import { LISTS } from './registry';
import type { TokenScheme } from './shared/kit';
import type { Platform } from '../nodes/shared/platform';
import { MAX_BODY_BYTES } from '../nodes/shared/body';
import { secretsEqual, signHmacSha256, verifyHmacSha256 } from '../nodes/shared/verification';
import {
	MISSING,
	anyString,
	asHeader,
	bodyBytes,
	coreSecret,
	CREDENTIAL_FIELDS,
	credentialsObject,
	forge,
	headersObject,
	hmacHex as hmac,
	hostileString,
	loneSurrogate,
	mutate,
	mutatedExample,
	mutation,
	nonEmptyBodyBytes,
	padding,
	stringsOf,
	tamper,
	unusableSecret,
	withSecret,
	type Mutation,
} from './helpers/arbitraries';
import { deliver, leaked } from './helpers/deliver';
import {
	contentType,
	deliveryBody,
	expectWellFormed,
	isAcceptedType,
	pick,
	request,
	without,
} from './helpers/verdicts';
import { nodeUnderTest } from './helpers/nodes';

/**
 * Properties of the verifiers and of the pipeline around them, over generated secrets, headers, credentials
 * and bodies, for every list of the registry. An independent oracle (node:crypto, the contract's accepted
 * forms as each list's kit states them) decides every verdict. A list's own signature schemes have their
 * properties in its folder (test/<List>/).
 */

const PLATFORMS: readonly Platform[] = LISTS.map((kit) => kit.platform);
/** Every header any list takes a proof from. */
const PROOF_HEADERS: readonly string[] = [...new Set(LISTS.flatMap((kit) => kit.proofHeaders))];

const ISO_OR_EXTENDED = (value: string) =>
	!Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

/* ------------------------------------------------------------------------------------------------------------ */
/* Token families: which header values prove which saved secret                                                  */
/* ------------------------------------------------------------------------------------------------------------ */

interface SchemeUnderTest extends TokenScheme<string> {
	platform: Platform;
	core: fc.Arbitrary<string>;
	sent(core: string): string[];
	/** The kit's oracle over any header value Node.js may hand over: a repeated header (array) proves nothing. */
	admits(value: string | string[] | undefined, core: string): boolean;
}

const TOKEN_SCHEMES: readonly SchemeUnderTest[] = LISTS.flatMap((kit) =>
	kit.tokenSchemes.map((scheme) => ({
		...scheme,
		platform: kit.platform,
		core: scheme.ambiguous ? coreSecret.filter((core) => !scheme.ambiguous!(core)) : coreSecret,
		sent: (core: string) => scheme.sentForms(asHeader(core)),
		admits: (value: string | string[] | undefined, core: string) =>
			typeof value === 'string' && scheme.accepts(value, asHeader(core)),
	})),
);

/** A header value a forger could try: anything at all, or a near miss of a valid one. */
type Candidate = { hostile: string } | { form: number; change: Mutation };
const candidate: fc.Arbitrary<Candidate> = fc.oneof(
	fc.record({ hostile: hostileString }),
	fc.record({ form: fc.nat(), change: mutation }),
	fc.record({ form: fc.nat(), change: mutation }),
);
const resolve = (spec: Candidate, validForms: readonly string[]): string | string[] =>
	'hostile' in spec ? spec.hostile : mutate(pick(validForms, spec.form), spec.change);

describe.each(TOKEN_SCHEMES)('$name', (scheme) => {
	it.prop([
		scheme.core,
		fc.nat(),
		fc.nat(),
		fc.nat(),
		padding,
		padding,
		bodyBytes,
		headersObject,
		credentialsObject,
	])(
		'completeness: a secret sent in any accepted form verifies, whatever the body bytes and other headers',
		(
			core,
			savedIndex,
			sentIndex,
			nameIndex,
			before,
			after,
			body,
			extraHeaders,
			extraCredentials,
		) => {
			const credentials = {
				...extraCredentials,
				[scheme.field]: before + pick(scheme.savedForms(core), savedIndex) + after,
			};
			const headers = {
				...without(extraHeaders, [...scheme.headerNames, ...scheme.routing]),
				...scheme.routedBy,
			};
			headers[pick(scheme.headerNames, nameIndex)] = pick(scheme.sent(core), sentIndex);
			expect(scheme.platform.verify(request(headers, body), credentials)).toEqual({
				ok: true,
				family: scheme.family,
			});
		},
	);

	it.prop(
		[
			scheme.core,
			fc.nat(),
			padding,
			fc.array(fc.option(candidate, { nil: undefined }), { minLength: 2, maxLength: 2 }),
			bodyBytes,
		],
		{
			numRuns: 300,
		},
	)(
		'soundness: any header value outside the accepted forms is refused with 401',
		(core, savedIndex, before, specs, body) => {
			const credentials = { [scheme.field]: before + pick(scheme.savedForms(core), savedIndex) };
			const headers: Record<string, string | string[] | undefined> = { ...scheme.routedBy };
			scheme.headerNames.forEach((name, i) => {
				const spec = specs[i];
				if (spec === undefined) return;
				headers[name] = resolve(spec, scheme.sent(core));
				fc.pre(!scheme.admits(headers[name], core));
			});
			const verdict = scheme.platform.verify(request(headers, body), credentials);
			expect(verdict).toMatchObject({ ok: false, status: 401 });
		},
	);

	it.prop([
		unusableSecret,
		fc.array(fc.oneof(hostileString, fc.nat()), { minLength: 2, maxLength: 2 }),
		fc.boolean(),
		headersObject,
		credentialsObject,
		bodyBytes,
	])(
		'fail closed: an empty, blank, missing or non-string secret accepts nothing, not even its own string forms',
		(secret, specs, bearer, extraHeaders, extraCredentials, body) => {
			const credentials = withSecret(extraCredentials, scheme.field, secret);
			const headers = { ...without(extraHeaders, scheme.routing), ...scheme.routedBy };
			scheme.headerNames.forEach((name, i) => {
				const spec = specs[i];
				const value = typeof spec === 'number' ? pick(stringsOf(secret), spec) : spec;
				headers[name] = bearer ? `Bearer ${value}` : value;
			});
			const verdict = scheme.platform.verify(request(headers, body), credentials);
			expect(verdict.ok).toBe(false);
			expect([401, 500]).toContain((verdict as { status: number }).status);
		},
	);
});

/* ------------------------------------------------------------------------------------------------------------ */
/* HMAC: the primitive every signed list uses                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

describe('verifyHmacSha256 / signHmacSha256', () => {
	it.prop(
		[
			anyString({ minLength: 1 }),
			bodyBytes,
			fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
		],
		{ numRuns: 300 },
	)(
		'completeness: for any non-empty secret and any bytes, the signature verifies (in any hex case)',
		(secret, body, upper) => {
			const signature = signHmacSha256(secret, body);
			expect(signature).toBe(hmac(secret, body));
			expect(signature).toMatch(/^[0-9a-f]{64}$/);
			expect(verifyHmacSha256(secret, body, signature)).toBe(true);
			const mixed = [...signature].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
			expect(verifyHmacSha256(secret, body, mixed)).toBe(true);
		},
	);

	it.prop([anyString({ minLength: 1 }), nonEmptyBodyBytes, tamper], { numRuns: 500 })(
		'soundness: a changed body bit, hex digit, prefix, suffix, removed char, joined value or other key fails',
		(secret, body, change) => {
			const forged = forge(body, signHmacSha256(secret, body), change, [secret]);
			fc.pre(forged !== undefined && typeof forged.signature === 'string');
			expect(verifyHmacSha256(secret, forged!.body, forged!.signature as string)).toBe(false);
		},
	);

	it.prop([hostileString, anyString(), bodyBytes], { numRuns: 200 })(
		'totality: any signature string and secret give a boolean',
		(signature, secret, body) => {
			expect(typeof verifyHmacSha256(secret, body, signature)).toBe('boolean');
		},
	);

	it.prop([fc.constantFrom('', ' '), bodyBytes])(
		'an empty key verifies nothing, not even its own MAC',
		(secret, body) => {
			expect(verifyHmacSha256('', body, hmac(secret, body))).toBe(false);
		},
	);
});

/* ------------------------------------------------------------------------------------------------------------ */
/* Totality and the whole-credential fail-closed rule                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

describe('every verifier', () => {
	it.prop([headersObject, credentialsObject, bodyBytes], { numRuns: 300 })(
		'totality: any headers (odd names, arrays, lone surrogates, huge values), any credentials, any bytes: a verdict, never a throw',
		(headers, credentials, body) => {
			for (const platform of PLATFORMS)
				expectWellFormed(platform, platform.verify(request(headers, body), credentials));
		},
	);

	it.prop(
		[
			fc.record(Object.fromEntries(CREDENTIAL_FIELDS.map((field) => [field, unusableSecret]))),
			headersObject,
			fc.array(fc.oneof(fc.nat(), hostileString), {
				minLength: PROOF_HEADERS.length,
				maxLength: PROOF_HEADERS.length,
			}),
			bodyBytes,
		],
		{ numRuns: 300 },
	)(
		'fail closed: a credential with no usable secret rejects every request, on every platform',
		(fields, extraHeaders, specs, body) => {
			let credentials: Record<string, unknown> = {};
			for (const [field, value] of Object.entries(fields))
				credentials = withSecret(credentials, field, value);
			const forms = Object.values(fields).flatMap(stringsOf);
			// Each proof header carries a string form of an unusable secret, its HMAC over the body, or anything at all.
			const plain = PROOF_HEADERS.map(
				(name, i) =>
					[
						name,
						typeof specs[i] === 'number' ? pick(forms, specs[i] as number) : (specs[i] as string),
					] as const,
			);
			const macs = plain.map(
				([name, value], i) =>
					[name, typeof specs[i] === 'number' ? hmac(value, body) : value] as const,
			);
			const variants = [
				{ ...extraHeaders, ...Object.fromEntries(plain) },
				{ ...extraHeaders, ...Object.fromEntries(macs) },
				...plain.map((header) => ({
					...without(extraHeaders, PROOF_HEADERS),
					...Object.fromEntries([header]),
				})),
				...macs.map((header) => ({
					...without(extraHeaders, PROOF_HEADERS),
					...Object.fromEntries([header]),
				})),
				Object.fromEntries(PROOF_HEADERS.map((name) => [name, ''])),
				{},
			];
			for (const platform of PLATFORMS) {
				for (const sent of variants) {
					const verdict = platform.verify(request(sent, body), credentials);
					expectWellFormed(platform, verdict);
					expect(verdict.ok).toBe(false);
				}
			}
		},
	);
});

/* ------------------------------------------------------------------------------------------------------------ */
/* Mapping totality                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

const EXAMPLES: Record<string, string[]> = Object.fromEntries(
	LISTS.map((kit) => [kit.platform.name, Object.values(kit.examples)]),
);

const anythingAtAll = fc.anything({
	maxDepth: 3,
	withBoxedValues: true,
	withMap: true,
	withSet: true,
	withNullPrototype: true,
	withObjectString: true,
	withSparseArray: true,
	withTypedArray: true,
	withDate: true,
	withBigInt: true,
});

const isDigits = (value: unknown) =>
	value === null || value === undefined || (typeof value === 'string' && /^\d{1,20}$/.test(value));

describe.each(PLATFORMS.map((platform) => [platform.name, platform] as const))(
	'%s map',
	(name, platform) => {
		it.prop(
			[
				fc.constantFrom(...platform.families),
				fc.oneof(
					{ weight: 2, arbitrary: fc.jsonValue() },
					{ weight: 2, arbitrary: anythingAtAll },
					{ weight: 5, arbitrary: mutatedExample(EXAMPLES[name]) },
				),
				fc.date({
					min: new Date('2000-01-01T00:00:00Z'),
					max: new Date('2100-01-01T00:00:00Z'),
					noInvalidDate: true,
				}),
			],
			{ numRuns: 400 },
		)(
			'totality: any JSON-like value under every family it can be verified as maps, is refused or is ignored, never throws',
			(family, body, receivedAt) => {
				const mapping = platform.map(body, { family, receivedAt });
				expect([true, false, 'ignored']).toContain(mapping.ok);
				if (mapping.ok === 'ignored') {
					expect(typeof mapping.reason).toBe('string');
				} else if (mapping.ok) {
					const { fields } = mapping;
					expect(platform.events).toContain(fields.event);
					expect(typeof fields.isTest).toBe('boolean');
					expect(ISO_OR_EXTENDED(fields.occurredAt)).toBe(true);
					expect(typeof fields.eventId).toBe('string');
					expect(fields.eventId.length).toBeGreaterThan(0);
					expect(isDigits(fields.targetId)).toBe(true);
				} else {
					expect(typeof mapping.error).toBe('string');
					// Only a list of several families refuses a verified body as unauthenticated: an event its proof does not cover.
					expect(platform.families.length > 1 ? [undefined, 400, 401] : [undefined, 400]).toContain(
						mapping.status,
					);
				}
			},
		);
	},
);

/* ------------------------------------------------------------------------------------------------------------ */
/* Shared-secret comparison                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

describe('secretsEqual', () => {
	it.prop([anyString(), anyString()], { numRuns: 500 })(
		'equals === on any two strings (lone surrogates included)',
		(a, b) => {
			expect(secretsEqual(a, b)).toBe(a === b);
		},
	);

	it.prop([anyString()], { numRuns: 300 })('is true for equal strings built separately', (a) => {
		const copy = a.split('').join('');
		expect(secretsEqual(a, copy)).toBe(true);
		expect(secretsEqual(copy, a)).toBe(true);
	});

	it.prop(
		[
			anyString({ minLength: 1 }),
			fc.nat(),
			fc.oneof(
				loneSurrogate,
				anyString({ minLength: 1, maxLength: 1 }),
				fc.constantFrom('\ufffd', '\u0000', ''),
			),
			fc.boolean(),
		],
		{
			numRuns: 500,
		},
	)(
		'tells near misses apart: one code unit replaced (U+FFFD for a lone surrogate, NUL, nothing) or appended',
		(a, at, unit, append) => {
			const i = at % a.length;
			const b = append ? a + unit : a.slice(0, i) + unit + a.slice(i + 1);
			expect(secretsEqual(a, b)).toBe(a === b);
			expect(secretsEqual(b, a)).toBe(a === b);
		},
	);

	it.prop([fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0xd800, max: 0xdfff })])(
		'two lone surrogates (identical once UTF-8 encoded) are equal only when they are the same code unit',
		(x, y) => {
			expect(secretsEqual(String.fromCharCode(x), String.fromCharCode(y))).toBe(x === y);
		},
	);
});

/* ------------------------------------------------------------------------------------------------------------ */
/* End to end, through the node's real webhook()                                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

/** How a sender writes the proof header's name. */
const displayName = (name: string) =>
	name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

describe.each(TOKEN_SCHEMES.map((scheme) => [scheme.name, scheme] as const))(
	'webhook() end to end: %s',
	(_name, scheme) => {
		const entry = nodeUnderTest(scheme.platform.name);
		const core = entry.credentials[scheme.field] as string;
		const platformName = scheme.platform.name;

		it.prop(
			[
				deliveryBody(EXAMPLES[platformName]),
				contentType,
				fc.nat(),
				fc.nat(),
				fc.integer({ min: 0, max: 9 }),
			],
			{ numRuns: 100 },
		)(
			'a correctly authenticated body is answered 200, 400, 413 or 415: never 401, never a throw, no secret echoed',
			async (body, type, sentIndex, nameIndex, noRawBody) => {
				const headers = {
					...scheme.routedBy,
					[displayName(pick(scheme.headerNames, nameIndex))]: pick(scheme.sent(core), sentIndex),
					'Content-Type': type,
				};
				const missingRaw = noRawBody === 0;
				const answer = await deliver(entry.node, {
					headers,
					body,
					credentials: entry.credentials,
					...(missingRaw ? { rawBody: null } : {}),
				});
				expect([200, 400, 413, 415]).toContain(answer.status);
				// The content type is judged before the size: 415 for a type the list does not send, else 413 when too large.
				if (!isAcceptedType(scheme.platform, type)) expect(answer.status).toBe(415);
				else if (!missingRaw && body.length > MAX_BODY_BYTES) expect(answer.status).toBe(413);
				if (missingRaw) expect([400, 415]).toContain(answer.status);
				if (answer.status === 200 && answer.items.length > 0)
					expect(answer.items[0].platform).toBe(platformName);
				expect(leaked(answer, entry.secrets)).toEqual([]);
			},
		);

		it.prop([deliveryBody(EXAMPLES[platformName]), contentType, candidate, fc.nat()], {
			numRuns: 100,
		})(
			'the same bodies with a wrong secret are always refused with 401, whatever their type and size, nothing runs',
			async (body, type, spec, nameIndex) => {
				const value = resolve(spec, scheme.sent(core));
				fc.pre(!scheme.admits(value, core));
				const headers = {
					...scheme.routedBy,
					[displayName(pick(scheme.headerNames, nameIndex))]: value,
					'Content-Type': type,
				};
				const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials });
				expect(answer.status).toBe(401);
				expect(answer.items).toEqual([]);
				expect(leaked(answer, entry.secrets)).toEqual([]);
			},
		);
	},
);

/** Keeps the MISSING sentinel honest: withSecret really removes the field. */
describe('generators', () => {
	it('withSecret(MISSING) removes the field', () => {
		expect(Object.hasOwn(withSecret({ token: 'x' }, 'token', MISSING), 'token')).toBe(false);
	});
});
