import { fc } from '@fast-check/jest';
import type { DeliveryRequest, Platform, Verification } from '../../nodes/shared/platform';
import { MAX_BODY_BYTES } from '../../nodes/shared/body';
import { mutatedExample } from './arbitraries';

/** Shared by the cross-cutting property tests and each list's own signature properties. */

export const request = (
	headers: DeliveryRequest['headers'],
	rawBody: Buffer,
	receivedAt = new Date(),
): DeliveryRequest => ({ headers, rawBody, receivedAt });

export const without = (headers: Record<string, unknown>, names: readonly string[]) => {
	const copy: Record<string, unknown> = { ...headers };
	for (const name of names) delete copy[name];
	return copy as Record<string, string | string[] | undefined>;
};

export const pick = <T>(list: readonly T[], index: number): T => list[index % list.length];

/** Every verdict, accepted or not, has the documented shape. */
export function expectWellFormed(platform: Platform, verdict: Verification): void {
	expect(typeof verdict.ok).toBe('boolean');
	if (verdict.ok) {
		expect(platform.families).toContain(verdict.family);
	} else {
		expect([401, 500]).toContain(verdict.status);
		expect(typeof verdict.error).toBe('string');
	}
}

/**
 * The oracle for the content types a list accepts: none at all, JSON (`application/json`, `application/*+json`),
 * or the types the list declares instead.
 */
export const isAcceptedType = (platform: Pick<Platform, 'contentTypes'>, type: string) =>
	type === '\u0000omit' ||
	(platform.contentTypes === undefined
		? /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)
		: platform.contentTypes.includes(type.split(';')[0].trim().toLowerCase()));

/** Content types a sender may claim ('\u0000omit': none at all). */
export const contentType = fc.constantFrom(
	'application/json',
	'application/json; charset=utf-8',
	'application/vnd.api+json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'\u0000omit',
);

/** Bodies a sender holding the secret could send: bytes, JSON, broken examples, examples, sizes around the limit. */
export const deliveryBody = (examples: readonly string[]) =>
	fc.oneof(
		{ weight: 4, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)) },
		{
			weight: 2,
			arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value), 'utf8')),
		},
		{
			weight: 4,
			arbitrary: mutatedExample(examples, true).map((value) =>
				Buffer.from(JSON.stringify(value), 'utf8'),
			),
		},
		{ weight: 2, arbitrary: fc.constantFrom(...examples).map((text) => Buffer.from(text, 'utf8')) },
		{
			weight: 1,
			arbitrary: fc
				.integer({ min: MAX_BODY_BYTES - 1, max: MAX_BODY_BYTES + 2 })
				.map((size) => Buffer.alloc(size, 0x20)),
		},
	);
