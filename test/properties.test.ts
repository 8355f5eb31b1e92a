import { createHmac } from 'crypto';
import { fc, it } from '@fast-check/jest';
import { boticord } from '../nodes/Boticord/platform';
import { diffcord } from '../nodes/Diffcord/platform';
import { discollab } from '../nodes/Discollab/platform';
import { rankly } from '../nodes/Rankly/platform';
import type { DeliveryRequest, Platform, Verification } from '../nodes/shared/platform';
import { MAX_BODY_BYTES } from '../nodes/shared/pipeline';
import { secretsEqual, signHmacSha256, verifyHmacSha256 } from '../nodes/shared/verification';
import * as examples from './fixtures/examples';
import {
	MISSING,
	anyString,
	asHeader,
	bodyBytes,
	changeHexDigit,
	coreSecret,
	credentialsObject,
	headersObject,
	hexDigitChange,
	hostileString,
	loneSurrogate,
	mutate,
	mutatedExample,
	mutation,
	nonEmptyBodyBytes,
	padding,
	sameHmacKey,
	stringsOf,
	stripBearer,
	unusableSecret,
	withSecret,
	type Mutation,
} from './helpers/arbitraries';
import { deliver, leaked } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';

/**
 * Properties of the verifiers and of the pipeline around them, over generated secrets, headers, credentials
 * and bodies. An independent oracle (node:crypto, the contract's accepted forms) decides every verdict.
 */

const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
const request = (headers: DeliveryRequest['headers'], rawBody: Buffer): DeliveryRequest => ({ headers, rawBody });

const PLATFORMS: readonly Platform[] = [diffcord, discollab, rankly, boticord];

/** Every family each platform's verify may return, and so every family its map must handle. */
const FAMILIES: Record<string, readonly string[]> = {
	diffcord: ['vote'],
	discollab: ['vote'],
	boticord: ['webhook'],
	rankly: ['serverVote', 'botVote', 'premium', 'signed'],
};

const PREMIUM_EVENTS = ['premium_purchase', 'subscription.renewed', 'subscription.expired', 'subscription.revoked'];
const ISO_OR_EXTENDED = (value: string) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

/** Every verdict, accepted or not, has the documented shape. */
function expectWellFormed(platform: Platform, verdict: Verification): void {
	expect(typeof verdict.ok).toBe('boolean');
	if (verdict.ok) {
		expect(FAMILIES[platform.name]).toContain(verdict.family);
	} else {
		expect([401, 500]).toContain(verdict.status);
		expect(typeof verdict.error).toBe('string');
	}
}

const without = (headers: Record<string, unknown>, names: readonly string[]) => {
	const copy: Record<string, unknown> = { ...headers };
	for (const name of names) delete copy[name];
	return copy as Record<string, string | string[] | undefined>;
};

/* ------------------------------------------------------------------------------------------------------------ */
/* Token platforms: which header values prove which saved secret                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

interface TokenScheme {
	name: string;
	platform: Platform;
	field: string;
	family: string;
	/** Headers that may carry the proof (lowercase, as the verifier sees them). */
	headerNames: readonly string[];
	/** Headers that would route the request elsewhere (Rankly: a signature makes it a signed delivery). */
	routing: readonly string[];
	core: fc.Arbitrary<string>;
	/** Ways a user may save the secret in the credential. */
	savedForms(core: string): string[];
	/** Header values a genuine sender may use, as Node.js hands them over. */
	sentForms(core: string): string[];
	/** The contract's accepted forms (oracle). */
	accepts(value: string | string[] | undefined, core: string): boolean;
}

const isString = (value: unknown): value is string => typeof value === 'string';

const TOKEN_SCHEMES: readonly TokenScheme[] = [
	{
		name: 'Diffcord (Authorization = verificationCode)',
		platform: diffcord,
		field: 'verificationCode',
		family: 'vote',
		headerNames: ['authorization'],
		routing: [],
		core: coreSecret,
		savedForms: (core) => [core],
		sentForms: (core) => [asHeader(core)],
		accepts: (value, core) => isString(value) && value === asHeader(core),
	},
	{
		name: 'Discollab (Authorization = token or Bearer <token>)',
		platform: discollab,
		field: 'token',
		family: 'vote',
		headerNames: ['authorization'],
		routing: [],
		core: coreSecret,
		savedForms: (core) => [core],
		sentForms: (core) => [asHeader(core), `Bearer ${asHeader(core)}`],
		// The scheme is case-insensitive and followed by whitespace (RFC 7235).
		accepts: (value, core) => isString(value) && (value === asHeader(core) || stripBearer(value) === asHeader(core)),
	},
	{
		name: 'Rankly server votes (Authorization, Bearer optional on both sides)',
		platform: rankly,
		field: 'authorization',
		family: 'serverVote',
		headerNames: ['authorization'],
		routing: ['x-webhook-signature'],
		// A secret that itself starts with "Bearer " cannot be told from the scheme: out of scope.
		core: coreSecret.filter((core) => !/^bearer\s/i.test(core)),
		savedForms: (core) => [core, `Bearer ${core}`],
		sentForms: (core) => [asHeader(core), `Bearer ${asHeader(core)}`],
		accepts: (value, core) => isString(value) && stripBearer(value) === asHeader(core),
	},
	{
		name: 'Boticord (X-Hook-Key or Authorization = hookKey)',
		platform: boticord,
		field: 'hookKey',
		family: 'webhook',
		headerNames: ['x-hook-key', 'authorization'],
		routing: [],
		core: coreSecret,
		savedForms: (core) => [core],
		sentForms: (core) => [asHeader(core)],
		accepts: (value, core) => isString(value) && value === asHeader(core),
	},
];

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length];

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
	it.prop([scheme.core, fc.nat(), fc.nat(), fc.nat(), padding, padding, bodyBytes, headersObject, credentialsObject])(
		'completeness: a secret sent in any accepted form verifies, whatever the body bytes and other headers',
		(core, savedIndex, sentIndex, nameIndex, before, after, body, extraHeaders, extraCredentials) => {
			const credentials = { ...extraCredentials, [scheme.field]: before + pick(scheme.savedForms(core), savedIndex) + after };
			const headers = without(extraHeaders, [...scheme.headerNames, ...scheme.routing]);
			headers[pick(scheme.headerNames, nameIndex)] = pick(scheme.sentForms(core), sentIndex);
			expect(scheme.platform.verify(request(headers, body), credentials)).toEqual({ ok: true, family: scheme.family });
		},
	);

	it.prop([scheme.core, fc.nat(), padding, fc.array(fc.option(candidate, { nil: undefined }), { minLength: 2, maxLength: 2 }), bodyBytes], {
		numRuns: 300,
	})('soundness: any header value outside the accepted forms is refused with 401', (core, savedIndex, before, specs, body) => {
		const credentials = { [scheme.field]: before + pick(scheme.savedForms(core), savedIndex) };
		const headers: Record<string, string | string[] | undefined> = {};
		scheme.headerNames.forEach((name, i) => {
			const spec = specs[i];
			if (spec === undefined) return;
			headers[name] = resolve(spec, scheme.sentForms(core));
			fc.pre(!scheme.accepts(headers[name], core));
		});
		const verdict = scheme.platform.verify(request(headers, body), credentials);
		expect(verdict).toMatchObject({ ok: false, status: 401 });
	});

	it.prop([unusableSecret, fc.array(fc.oneof(hostileString, fc.nat()), { minLength: 2, maxLength: 2 }), fc.boolean(), headersObject, credentialsObject, bodyBytes])(
		'fail closed: an empty, blank, missing or non-string secret accepts nothing, not even its own string forms',
		(secret, specs, bearer, extraHeaders, extraCredentials, body) => {
			const credentials = withSecret(extraCredentials, scheme.field, secret);
			const headers = without(extraHeaders, scheme.routing);
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
/* HMAC: the primitive and Rankly's signed deliveries                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

type Tamper =
	| { kind: 'bodyBit'; at: number; bit: number }
	| { kind: 'bodyAppend'; bytes: Uint8Array }
	| { kind: 'hexDigit'; change: { at: number; delta: number; upper: boolean } }
	| { kind: 'signature'; change: Mutation }
	| { kind: 'otherKey'; key: string };

const tamper: fc.Arbitrary<Tamper> = fc.oneof(
	fc.record({ kind: fc.constant('bodyBit' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
	fc.record({ kind: fc.constant('bodyAppend' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
	fc.record({ kind: fc.constant('hexDigit' as const), change: hexDigitChange }),
	fc.record({ kind: fc.constant('hexDigit' as const), change: hexDigitChange }),
	fc.record({ kind: fc.constant('signature' as const), change: mutation }),
	fc.record({ kind: fc.constant('signature' as const), change: mutation }),
	fc.record({ kind: fc.constant('otherKey' as const), key: anyString({ minLength: 1, maxLength: 80 }) }),
);

/** The request a forger derives from a genuine (body, signature); undefined when the change is no change. */
function forge(body: Buffer, signature: string, change: Tamper, keys: string[]): { body: Buffer; signature: string | string[] } | undefined {
	switch (change.kind) {
		case 'bodyBit': {
			const forged = Buffer.from(body);
			forged[change.at % forged.length] ^= 1 << change.bit;
			return { body: forged, signature };
		}
		case 'bodyAppend':
			return { body: Buffer.concat([body, change.bytes]), signature };
		case 'hexDigit':
			return { body, signature: changeHexDigit(signature, change.change) };
		case 'signature': {
			const forged = mutate(signature, change.change);
			// Hex is case-insensitive: a case change alone still names the same MAC.
			return typeof forged === 'string' && forged.toLowerCase() === signature ? undefined : { body, signature: forged };
		}
		case 'otherKey':
			return keys.some((key) => sameHmacKey(key, change.key)) ? undefined : { body, signature: hmac(change.key, body) };
	}
}

describe('verifyHmacSha256 / signHmacSha256', () => {
	it.prop([anyString({ minLength: 1 }), bodyBytes, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 })], { numRuns: 300 })(
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

	it.prop([hostileString, anyString(), bodyBytes], { numRuns: 200 })('totality: any signature string and secret give a boolean', (signature, secret, body) => {
		expect(typeof verifyHmacSha256(secret, body, signature)).toBe('boolean');
	});

	it.prop([fc.constantFrom('', ' '), bodyBytes])('an empty key verifies nothing, not even its own MAC', (secret, body) => {
		expect(verifyHmacSha256('', body, hmac(secret, body))).toBe(false);
	});
});

describe('Rankly signed deliveries (X-Webhook-Signature)', () => {
	const SAME = Symbol('same');
	const other = fc.oneof(coreSecret, unusableSecret, fc.constant(SAME));

	it.prop([coreSecret, fc.constantFrom('voteSecret', 'premiumSecret'), other, padding, padding, bodyBytes, headersObject, fc.option(hostileString, { nil: undefined })], {
		numRuns: 300,
	})(
		'completeness: signed under voteSecret gives botVote, under premiumSecret premium, under both (same value) signed',
		(secret, signer, otherValue, before, after, body, extraHeaders, authorization) => {
			fc.pre(otherValue !== secret);
			const otherField = signer === 'voteSecret' ? 'premiumSecret' : 'voteSecret';
			let credentials: Record<string, unknown> = { [signer]: before + secret + after, authorization };
			credentials = withSecret(credentials, otherField, otherValue === SAME ? secret : otherValue);
			const headers = without(extraHeaders, ['x-webhook-signature']);
			headers['x-webhook-signature'] = hmac(secret, body);
			const family = otherValue === SAME ? 'signed' : signer === 'voteSecret' ? 'botVote' : 'premium';
			expect(rankly.verify(request(headers, body), credentials)).toEqual({ ok: true, family });
		},
	);

	it.prop([coreSecret, coreSecret, coreSecret, fc.boolean(), nonEmptyBodyBytes, fc.oneof(tamper, fc.constant('authorization' as const))], { numRuns: 500 })(
		'soundness: any forged signature or body is refused with 401, including a MAC under the server vote authorization',
		(voteSecret, premiumSecret, authorization, byVote, body, change) => {
			const keys = [voteSecret, premiumSecret];
			fc.pre(!keys.some((key) => sameHmacKey(key, authorization)));
			const genuine = hmac(byVote ? voteSecret : premiumSecret, body);
			const forged = change === 'authorization' ? { body, signature: hmac(authorization, body) } : forge(body, genuine, change, keys);
			fc.pre(forged !== undefined);
			const headers = { 'x-webhook-signature': forged!.signature, authorization };
			const verdict = rankly.verify(request(headers, forged!.body), { voteSecret, premiumSecret, authorization });
			expect(verdict).toMatchObject({ ok: false, status: 401 });
		},
	);

	it.prop([fc.boolean(), fc.boolean(), unusableSecret, unusableSecret, coreSecret, coreSecret, fc.oneof(fc.nat(), hostileString), bodyBytes, fc.boolean()], {
		numRuns: 300,
	})(
		'fail closed: an unusable secret never admits its family, whatever the signature (even its own MAC or the empty key)',
		(voteUsable, premiumUsable, voteBad, premiumBad, voteCore, premiumCore, spec, body, sendAuthorization) => {
			fc.pre(!(voteUsable && premiumUsable));
			const authorization = 'rk-auth-prop';
			let credentials: Record<string, unknown> = { authorization };
			credentials = withSecret(credentials, 'voteSecret', voteUsable ? voteCore : voteBad);
			credentials = withSecret(credentials, 'premiumSecret', premiumUsable ? premiumCore : premiumBad);
			const keys = ['', ...stringsOf(voteBad), ...stringsOf(premiumBad), authorization];
			if (voteUsable) keys.push(voteCore);
			if (premiumUsable) keys.push(premiumCore);
			const signature = typeof spec === 'number' ? hmac(pick(keys, spec), body) : spec;
			// The right server vote authorization does not help a request that carries a signature header.
			const headers = sendAuthorization ? { 'x-webhook-signature': signature, authorization } : { 'x-webhook-signature': signature };
			const verdict = rankly.verify(request(headers, body), credentials);
			expectWellFormed(rankly, verdict);
			const refused = [...(voteUsable ? [] : ['botVote', 'signed']), ...(premiumUsable ? [] : ['premium', 'signed'])];
			if (verdict.ok) expect(refused).not.toContain(verdict.family);
			if (!voteUsable && !premiumUsable) expect(verdict.ok).toBe(false);
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
			for (const platform of PLATFORMS) expectWellFormed(platform, platform.verify(request(headers, body), credentials));
		},
	);

	it.prop(
		[
			fc.record({
				verificationCode: unusableSecret,
				token: unusableSecret,
				authorization: unusableSecret,
				voteSecret: unusableSecret,
				premiumSecret: unusableSecret,
				hookKey: unusableSecret,
			}),
			headersObject,
			fc.array(fc.oneof(fc.nat(), hostileString), { minLength: 3, maxLength: 3 }),
			bodyBytes,
		],
		{ numRuns: 300 },
	)('fail closed: a credential with no usable secret rejects every request, on every platform', (fields, extraHeaders, specs, body) => {
		let credentials: Record<string, unknown> = {};
		for (const [field, value] of Object.entries(fields)) credentials = withSecret(credentials, field, value);
		const forms = Object.values(fields).flatMap(stringsOf);
		const [authorization, hookKey, signature] = specs.map((spec) => (typeof spec === 'number' ? pick(forms, spec) : spec));
		const headers = { ...extraHeaders, authorization, 'x-hook-key': hookKey };
		const signed = { ...headers, 'x-webhook-signature': typeof specs[2] === 'number' ? hmac(signature, body) : signature };
		for (const platform of PLATFORMS) {
			for (const sent of [headers, signed, { authorization: '' }, {}]) {
				const verdict = platform.verify(request(sent, body), credentials);
				expectWellFormed(platform, verdict);
				expect(verdict.ok).toBe(false);
			}
		}
	});
});

/* ------------------------------------------------------------------------------------------------------------ */
/* Mapping totality                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

const EXAMPLES: Record<string, string[]> = {
	diffcord: Object.values(examples.diffcord),
	discollab: Object.values(examples.discollab),
	rankly: Object.values(examples.rankly),
	boticord: Object.values(examples.boticord),
};

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

const isDigits = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && /^\d{1,20}$/.test(value));

describe.each(PLATFORMS.map((platform) => [platform.name, platform] as const))('%s map', (name, platform) => {
	it.prop(
		[
			fc.constantFrom(...FAMILIES[name]),
			fc.oneof(
				{ weight: 2, arbitrary: fc.jsonValue() },
				{ weight: 2, arbitrary: anythingAtAll },
				{ weight: 5, arbitrary: mutatedExample(EXAMPLES[name]) },
			),
			fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
		],
		{ numRuns: 400 },
	)('totality: any JSON-like value under every family it can be verified as maps or is refused, never throws', (family, body, receivedAt) => {
		const mapping = platform.map(body, { family, receivedAt });
		expect(typeof mapping.ok).toBe('boolean');
		if (mapping.ok) {
			const { fields } = mapping;
			expect(platform.events).toContain(fields.event);
			expect(typeof fields.isTest).toBe('boolean');
			expect(ISO_OR_EXTENDED(fields.occurredAt)).toBe(true);
			expect(typeof fields.eventId).toBe('string');
			expect(fields.eventId.length).toBeGreaterThan(0);
			expect(isDigits(fields.targetId)).toBe(true);
		} else {
			expect(typeof mapping.error).toBe('string');
			// Only Rankly refuses a verified body as unauthenticated: an event the proving secret does not cover.
			expect(name === 'rankly' ? [undefined, 400, 401] : [undefined, 400]).toContain(mapping.status);
		}
	});
});

/* ------------------------------------------------------------------------------------------------------------ */
/* Shared-secret comparison                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

describe('secretsEqual', () => {
	it.prop([anyString(), anyString()], { numRuns: 500 })('equals === on any two strings (lone surrogates included)', (a, b) => {
		expect(secretsEqual(a, b)).toBe(a === b);
	});

	it.prop([anyString()], { numRuns: 300 })('is true for equal strings built separately', (a) => {
		const copy = a.split('').join('');
		expect(secretsEqual(a, copy)).toBe(true);
		expect(secretsEqual(copy, a)).toBe(true);
	});

	it.prop([anyString({ minLength: 1 }), fc.nat(), fc.oneof(loneSurrogate, anyString({ minLength: 1, maxLength: 1 }), fc.constantFrom('\ufffd', '\u0000', '')), fc.boolean()], {
		numRuns: 500,
	})('tells near misses apart: one code unit replaced (U+FFFD for a lone surrogate, NUL, nothing) or appended', (a, at, unit, append) => {
		const i = at % a.length;
		const b = append ? a + unit : a.slice(0, i) + unit + a.slice(i + 1);
		expect(secretsEqual(a, b)).toBe(a === b);
		expect(secretsEqual(b, a)).toBe(a === b);
	});

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

const contentType = fc.constantFrom(
	'application/json',
	'application/json; charset=utf-8',
	'application/vnd.api+json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'\u0000omit',
);

const deliveryBody = (platform: string) =>
	fc.oneof(
		{ weight: 4, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)) },
		{ weight: 2, arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value), 'utf8')) },
		{ weight: 4, arbitrary: mutatedExample(EXAMPLES[platform], true).map((value) => Buffer.from(JSON.stringify(value), 'utf8')) },
		{ weight: 2, arbitrary: fc.constantFrom(...EXAMPLES[platform]).map((text) => Buffer.from(text, 'utf8')) },
		{ weight: 1, arbitrary: fc.integer({ min: MAX_BODY_BYTES - 1, max: MAX_BODY_BYTES + 2 }).map((size) => Buffer.alloc(size, 0x20)) },
	);

/** How a sender writes the proof header's name. */
const displayName = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

describe.each(TOKEN_SCHEMES.map((scheme) => [scheme.name, scheme] as const))('webhook() end to end: %s', (_name, scheme) => {
	const entry = nodesUnderTest.find((candidateEntry) => candidateEntry.platform === scheme.platform.name)!;
	const core = entry.credentials[scheme.field] as string;
	const platformName = scheme.platform.name;

	it.prop([deliveryBody(platformName), contentType, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 })], { numRuns: 100 })(
		'a correctly authenticated body is answered 200, 400, 413 or 415: never 401, never a throw, no secret echoed',
		async (body, type, sentIndex, nameIndex, noRawBody) => {
			const headers = {
				[displayName(pick(scheme.headerNames, nameIndex))]: pick(scheme.sentForms(core), sentIndex),
				'Content-Type': type,
			};
			const missingRaw = noRawBody === 0;
			const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials, ...(missingRaw ? { rawBody: null } : {}) });
			expect([200, 400, 413, 415]).toContain(answer.status);
			if (!missingRaw && body.length > MAX_BODY_BYTES) expect(answer.status).toBe(413);
			if (missingRaw) expect([400, 415]).toContain(answer.status);
			if (answer.status === 200 && answer.items.length > 0) expect(answer.items[0].platform).toBe(platformName);
			expect(leaked(answer, entry.secrets)).toEqual([]);
		},
	);

	it.prop([deliveryBody(platformName), contentType, candidate, fc.nat()], { numRuns: 100 })(
		'the same bodies with a wrong secret are always refused: 401 (413 first when over the size limit), nothing runs',
		async (body, type, spec, nameIndex) => {
			const value = resolve(spec, scheme.sentForms(core));
			fc.pre(!scheme.accepts(value, core));
			const headers = { [displayName(pick(scheme.headerNames, nameIndex))]: value, 'Content-Type': type };
			const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials });
			expect(answer.status).toBe(body.length > MAX_BODY_BYTES ? 413 : 401);
			expect(answer.items).toEqual([]);
			expect(leaked(answer, entry.secrets)).toEqual([]);
		},
	);
});

describe('webhook() end to end: Rankly signed deliveries', () => {
	const entry = nodesUnderTest.find((candidateEntry) => candidateEntry.platform === 'rankly')!;
	const secrets = { voteSecret: entry.credentials.voteSecret as string, premiumSecret: entry.credentials.premiumSecret as string };

	const eventOf = (body: Buffer): unknown => {
		try {
			const parsed = JSON.parse(body.toString('utf8'));
			return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed.event ?? parsed.type) : undefined;
		} catch {
			return undefined;
		}
	};

	it.prop([deliveryBody('rankly'), contentType, fc.constantFrom('voteSecret', 'premiumSecret')], { numRuns: 100 })(
		'a correctly signed body is never a throw; 401 only for an event the signing secret does not cover',
		async (body, type, signer) => {
			const headers = { 'X-Webhook-Signature': hmac(secrets[signer], body), 'Content-Type': type };
			const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials });
			expect([200, 400, 401, 413, 415]).toContain(answer.status);
			if (answer.status === 401) {
				const event = eventOf(body);
				expect(signer === 'voteSecret' ? PREMIUM_EVENTS.includes(event as string) : event === 'bot_vote').toBe(true);
			}
			expect(leaked(answer, entry.secrets)).toEqual([]);
		},
	);

	it.prop([deliveryBody('rankly'), contentType, tamper, fc.constantFrom('voteSecret', 'premiumSecret')], { numRuns: 100 })(
		'a forged signature or body is always refused: 401 (413 first when over the size limit), nothing runs',
		async (body, type, change, signer) => {
			fc.pre(body.length > 0);
			const forged = forge(body, hmac(secrets[signer], body), change, Object.values(entry.secrets));
			fc.pre(forged !== undefined);
			const headers = { 'X-Webhook-Signature': forged!.signature, 'Content-Type': type };
			const answer = await deliver(entry.node, { headers, body: forged!.body, credentials: entry.credentials });
			expect(answer.status).toBe(forged!.body.length > MAX_BODY_BYTES ? 413 : 401);
			expect(answer.items).toEqual([]);
		},
	);
});

/** Keeps the MISSING sentinel honest: withSecret really removes the field. */
describe('generators', () => {
	it('withSecret(MISSING) removes the field', () => {
		expect(Object.hasOwn(withSecret({ token: 'x' }, 'token', MISSING), 'token')).toBe(false);
	});
});
