import { fc, it } from '@fast-check/jest';
import { MAX_BODY_BYTES } from '../../nodes/shared/body';
import {
	bodyBytes,
	coreSecret,
	headersObject,
	hostileString,
	nonEmptyBodyBytes,
	padding,
	stringsOf,
	unusableSecret,
	withSecret,
} from '../helpers/arbitraries';
import { forge, hmacHex as hmac, sameHmacKey, tamper } from '../helpers/forgeries';
import { deliver, leaked } from '../helpers/deliver';
import { nodeUnderTest } from '../helpers/nodes';
import {
	contentType,
	deliveryBody,
	expectWellFormed,
	isAcceptedType,
	pick,
	request,
	without,
} from '../helpers/verdicts';
import { ranklyKit } from './kit';
import { rankly } from '../../nodes/Rankly/platform';

/**
 * Properties of Rankly's signed deliveries (X-Webhook-Signature), whose two secrets each admit their own events.
 * Its server votes (a header secret) are covered with every list's token families in test/properties.test.ts.
 */

const PREMIUM_EVENTS = [
	'premium_purchase',
	'subscription.renewed',
	'subscription.expired',
	'subscription.revoked',
];

describe('Rankly signed deliveries (X-Webhook-Signature)', () => {
	const SAME = Symbol('same');
	const other = fc.oneof(coreSecret, unusableSecret, fc.constant(SAME));

	it.prop(
		[
			coreSecret,
			fc.constantFrom('voteSecret', 'premiumSecret'),
			other,
			padding,
			padding,
			bodyBytes,
			headersObject,
			fc.option(hostileString, { nil: undefined }),
		],
		{
			numRuns: 300,
		},
	)(
		'completeness: signed under voteSecret gives botVote, under premiumSecret premium, under both (same value) signed',
		(secret, signer, otherValue, before, after, body, extraHeaders, authorization) => {
			fc.pre(otherValue !== secret);
			const otherField = signer === 'voteSecret' ? 'premiumSecret' : 'voteSecret';
			let credentials: Record<string, unknown> = {
				[signer]: before + secret + after,
				authorization,
			};
			credentials = withSecret(credentials, otherField, otherValue === SAME ? secret : otherValue);
			const headers = without(extraHeaders, ['x-webhook-signature']);
			headers['x-webhook-signature'] = hmac(secret, body);
			const family =
				otherValue === SAME ? 'signed' : signer === 'voteSecret' ? 'botVote' : 'premium';
			expect(rankly.verify(request(headers, body), credentials)).toEqual({ ok: true, family });
		},
	);

	it.prop(
		[
			coreSecret,
			coreSecret,
			coreSecret,
			fc.boolean(),
			nonEmptyBodyBytes,
			fc.oneof(tamper, fc.constant('authorization' as const)),
		],
		{ numRuns: 500 },
	)(
		'soundness: any forged signature or body is refused with 401, including a MAC under the server vote authorization',
		(voteSecret, premiumSecret, authorization, byVote, body, change) => {
			const keys = [voteSecret, premiumSecret];
			fc.pre(!keys.some((key) => sameHmacKey(key, authorization)));
			const genuine = hmac(byVote ? voteSecret : premiumSecret, body);
			const forged =
				change === 'authorization'
					? { body, signature: hmac(authorization, body) }
					: forge(body, genuine, change, keys);
			fc.pre(forged !== undefined);
			const headers = { 'x-webhook-signature': forged!.signature, authorization };
			const verdict = rankly.verify(request(headers, forged!.body), {
				voteSecret,
				premiumSecret,
				authorization,
			});
			expect(verdict).toMatchObject({ ok: false, status: 401 });
		},
	);

	it.prop(
		[
			fc.boolean(),
			fc.boolean(),
			unusableSecret,
			unusableSecret,
			coreSecret,
			coreSecret,
			fc.oneof(fc.nat(), hostileString),
			bodyBytes,
			fc.boolean(),
		],
		{
			numRuns: 300,
		},
	)(
		'fail closed: an unusable secret never admits its family, whatever the signature (even its own MAC or the empty key)',
		(
			voteUsable,
			premiumUsable,
			voteBad,
			premiumBad,
			voteCore,
			premiumCore,
			spec,
			body,
			sendAuthorization,
		) => {
			fc.pre(!(voteUsable && premiumUsable));
			const authorization = 'rk-auth-prop';
			let credentials: Record<string, unknown> = { authorization };
			credentials = withSecret(credentials, 'voteSecret', voteUsable ? voteCore : voteBad);
			credentials = withSecret(
				credentials,
				'premiumSecret',
				premiumUsable ? premiumCore : premiumBad,
			);
			const keys = ['', ...stringsOf(voteBad), ...stringsOf(premiumBad), authorization];
			if (voteUsable) keys.push(voteCore);
			if (premiumUsable) keys.push(premiumCore);
			const signature = typeof spec === 'number' ? hmac(pick(keys, spec), body) : spec;
			// The right server vote authorization does not help a request that carries a signature header.
			const headers = sendAuthorization
				? { 'x-webhook-signature': signature, authorization }
				: { 'x-webhook-signature': signature };
			const verdict = rankly.verify(request(headers, body), credentials);
			expectWellFormed(rankly, verdict);
			const refused = [
				...(voteUsable ? [] : ['botVote', 'signed']),
				...(premiumUsable ? [] : ['premium', 'signed']),
			];
			if (verdict.ok) expect(refused).not.toContain(verdict.family);
			if (!voteUsable && !premiumUsable) expect(verdict.ok).toBe(false);
		},
	);
});

describe('webhook() end to end: Rankly signed deliveries', () => {
	const entry = nodeUnderTest('rankly');
	const secrets = {
		voteSecret: entry.credentials.voteSecret as string,
		premiumSecret: entry.credentials.premiumSecret as string,
	};

	const eventOf = (body: Buffer): unknown => {
		try {
			const parsed = JSON.parse(body.toString('utf8'));
			return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
				? (parsed.event ?? parsed.type)
				: undefined;
		} catch {
			return undefined;
		}
	};

	it.prop(
		[
			deliveryBody(Object.values(ranklyKit.examples)),
			contentType,
			fc.constantFrom('voteSecret', 'premiumSecret'),
		],
		{ numRuns: 100 },
	)(
		'a correctly signed body is never a throw; 401 only for an event the signing secret does not cover',
		async (body, type, signer) => {
			const headers = { 'X-Webhook-Signature': hmac(secrets[signer], body), 'Content-Type': type };
			const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials });
			expect([200, 400, 401, 413, 415]).toContain(answer.status);
			if (answer.status === 401) {
				const event = eventOf(body);
				expect(
					signer === 'voteSecret' ? PREMIUM_EVENTS.includes(event as string) : event === 'bot_vote',
				).toBe(true);
			}
			expect(leaked(answer, entry.secrets)).toEqual([]);
		},
	);

	it.prop(
		[
			deliveryBody(Object.values(ranklyKit.examples)),
			contentType,
			tamper,
			fc.constantFrom('voteSecret', 'premiumSecret'),
		],
		{ numRuns: 100 },
	)(
		'a forged signature or body is always refused: 415 for a type Rankly does not send, else 413 over the size limit, else 401; nothing runs',
		async (body, type, change, signer) => {
			fc.pre(body.length > 0);
			const forged = forge(body, hmac(secrets[signer], body), change, Object.values(entry.secrets));
			fc.pre(forged !== undefined);
			const headers = { 'X-Webhook-Signature': forged!.signature, 'Content-Type': type };
			const answer = await deliver(entry.node, {
				headers,
				body: forged!.body,
				credentials: entry.credentials,
			});
			expect(answer.status).toBe(
				!isAcceptedType(rankly, type) ? 415 : forged!.body.length > MAX_BODY_BYTES ? 413 : 401,
			);
			expect(answer.items).toEqual([]);
		},
	);
});
