import { fc, it } from '@fast-check/jest';
import {
	bodyBytes,
	coreSecret,
	hostileString,
	nonEmptyBodyBytes,
	padding,
} from '../helpers/arbitraries';
import { forge, tamper } from '../helpers/forgeries';
import { expectWellFormed, request } from '../helpers/verdicts';
import { signatureHeader } from './kit';
import {
	TIMESTAMP_TOLERANCE_SECONDS,
	parseSignatureHeader,
	signedPayload,
	topgg,
} from '../../nodes/Topgg/platform';

/**
 * Properties of top.gg's v1 signatures (`x-topgg-signature: t=<unix>,v1=<hex>` over `<t>.<raw body>`), decided by
 * node:crypto through the kit's signer. Its legacy v0 secret is covered with every list's token families in
 * test/properties.test.ts.
 */

const NOW = 1_800_000_000;
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);
const verify = (
	header: string | string[],
	body: Buffer,
	credentials: Record<string, unknown>,
	receivedAt = at(NOW),
) => topgg.verify(request({ 'x-topgg-signature': header }, body, receivedAt), credentials);
const skew = fc.integer({ min: -TIMESTAMP_TOLERANCE_SECONDS, max: TIMESTAMP_TOLERANCE_SECONDS });

describe('top.gg v1 signatures', () => {
	it.prop([coreSecret, padding, padding, bodyBytes, skew], { numRuns: 300 })(
		'completeness: any secret, any bytes, signed within 300 s of the receive time, verify as v1',
		(secret, before, after, body, offset) => {
			const header = signatureHeader(secret, body, NOW + offset);
			expect(verify(header, body, { webhookSecret: before + secret + after })).toEqual({
				ok: true,
				family: 'v1',
			});
		},
	);

	it.prop([coreSecret, nonEmptyBodyBytes, tamper, skew], { numRuns: 500 })(
		'soundness: a changed body bit, hex digit, prefix, suffix, removed char, joined value or other key is refused with 401',
		(secret, body, change, offset) => {
			const t = String(NOW + offset);
			const genuine = signatureHeader(secret, body, NOW + offset).split('v1=')[1];
			// The forger works on the signed bytes `<t>.<body>`; the node receives the body part.
			const forged = forge(signedPayload(t, body), genuine, change, [secret]);
			fc.pre(forged !== undefined && typeof forged.signature === 'string');
			const prefix = Buffer.from(`${t}.`);
			fc.pre(forged!.body.subarray(0, prefix.length).equals(prefix));
			const verdict = verify(
				`t=${t},v1=${forged!.signature}`,
				forged!.body.subarray(prefix.length),
				{ webhookSecret: secret },
			);
			expect(verdict).toMatchObject({ ok: false, status: 401 });
		},
	);

	it.prop(
		[
			coreSecret,
			bodyBytes,
			fc.integer({ min: TIMESTAMP_TOLERANCE_SECONDS + 1, max: 10 ** 9 }),
			fc.boolean(),
		],
		{ numRuns: 200 },
	)(
		'a genuine signature more than 300 s from the receive time is refused with 401, saying the timestamp is out of range',
		(secret, body, distance, future) => {
			const header = signatureHeader(secret, body, NOW + (future ? distance : -distance));
			const verdict = verify(header, body, { webhookSecret: secret });
			expect(verdict).toMatchObject({
				ok: false,
				status: 401,
				error: expect.stringMatching(/timestamp is out of range/),
			});
		},
	);

	it.prop(
		[fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })), coreSecret, bodyBytes],
		{ numRuns: 300 },
	)(
		'totality: any header value or values give a well-formed verdict, never a throw',
		(header, secret, body) => {
			const verdict = verify(header, body, { webhookSecret: secret });
			expectWellFormed(topgg, verdict);
			expect(verdict.ok).toBe(false);
		},
	);

	it.prop([hostileString])(
		'the header parser is total and finds t and v1 exactly once each, or nothing',
		(value) => {
			const parsed = parseSignatureHeader(value);
			if (parsed !== undefined) {
				expect(parsed.timestamp).toMatch(/^\d{1,12}$/);
				expect(value.split(',').filter((part) => part.split('=')[0].trim() === 'v1')).toHaveLength(
					1,
				);
			}
		},
	);
});
