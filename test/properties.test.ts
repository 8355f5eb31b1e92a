import { fc, it } from '@fast-check/jest';
import { LISTS } from './registry';
import type { TokenScheme } from './shared/kit';
import type { Platform } from '../nodes/shared/platform';
import { MAX_BODY_BYTES } from '../nodes/shared/body';
import {
	MISSING,
	asHeader,
	bodyBytes,
	coreSecret,
	credentialsObject,
	headersObject,
	hostileString,
	padding,
	stringsOf,
	unusableSecret,
	withSecret,
} from './helpers/arbitraries';
import { mutate, mutation, type Mutation } from './helpers/forgeries';
import { deliver, leaked } from './helpers/deliver';
import {
	contentType,
	deliveryBody,
	isAcceptedType,
	pick,
	request,
	without,
} from './helpers/verdicts';
import { nodeUnderTest } from './helpers/nodes';

/**
 * Properties of the token schemes (which header values prove which saved secret, however a sender writes the
 * header's name), over generated secrets, headers, credentials and bodies, for every list of the registry; the
 * verifiers and the pipeline around them are in properties.verifiers.test.ts. An independent oracle (node:crypto, the contract's accepted
 * forms as each list's kit states them) decides every verdict. A list's own signature schemes have their
 * properties in its folder (test/<List>/).
 */

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

/** Each list's documented deliveries, by platform name. */
const EXAMPLES: Record<string, string[]> = Object.fromEntries(
	LISTS.map((kit) => [kit.platform.name, Object.values(kit.examples)]),
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
