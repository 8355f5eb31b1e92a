import { fc, it } from '@fast-check/jest';
import { LISTS } from './registry';
import type { Platform } from '../nodes/shared/platform';
import { secretsEqual, signHmacSha256, verifyHmacSha256 } from '../nodes/shared/verification';
import {
	anyString,
	bodyBytes,
	CREDENTIAL_FIELDS,
	credentialsObject,
	headersObject,
	hostileString,
	loneSurrogate,
	mutatedExample,
	nonEmptyBodyBytes,
	stringsOf,
	unusableSecret,
	withSecret,
} from './helpers/arbitraries';
import { forge, hmacHex as hmac, tamper } from './helpers/forgeries';
import { expectWellFormed, pick, request, without } from './helpers/verdicts';

/**
 * Properties of the verifiers and of the pipeline around them (any bytes at all, any credential), over generated
 * secrets, headers, credentials and bodies, for every list of the registry; the token schemes are in
 * properties.test.ts. An independent oracle (node:crypto, the contract's accepted
 * forms as each list's kit states them) decides every verdict. A list's own signature schemes have their
 * properties in its folder (test/<List>/).
 */

const PLATFORMS: readonly Platform[] = LISTS.map((kit) => kit.platform);
/** Every header any list takes a proof from. */
const PROOF_HEADERS: readonly string[] = [...new Set(LISTS.flatMap((kit) => kit.proofHeaders))];

const ISO_OR_EXTENDED = (value: string) =>
	!Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

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
