import { fc } from '@fast-check/jest';
import { LISTS } from '../registry';
export { mutatedExample } from './mutatedExample';

/**
 * Generators for the property tests (test/properties.test.ts): secrets, hostile header values,
 * header and credential objects, bodies; the tamperings a forger could try are in forgeries.ts.
 */

/** Characters that no header value can carry (C0, DEL, C1). */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern matches
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** How Node.js hands a header value over: its UTF-8 bytes read one per character (latin1). */
export const asHeader = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');

/** A lone UTF-16 surrogate: fast-check's 'binary' unit never produces one on its own. */
export const loneSurrogate = fc
	.integer({ min: 0xd800, max: 0xdfff })
	.map((code) => String.fromCharCode(code));

/** Any string, lone surrogates included. */
export const anyString = (constraints: { minLength?: number; maxLength?: number } = {}) =>
	fc.string({
		...constraints,
		unit: fc.oneof(
			{ weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
			{ weight: 1, arbitrary: loneSurrogate },
		),
	});

/** A secret as a platform shows it: printable, no surrounding whitespace, ASCII or not. */
export const coreSecret = fc
	.oneof(
		fc.stringMatching(/^[A-Za-z0-9_-]{8,48}$/),
		fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
		fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
	)
	.filter((value) => value !== '' && value === value.trim() && !CONTROL.test(value));

/** What a user may paste around a secret in the credential field. */
export const padding = fc.constantFrom('', ' ', '\n', '\t', ' \r\n', '  ');

/** Any raw body, invalid UTF-8 included. */
export const bodyBytes = fc
	.oneof(
		{ weight: 6, arbitrary: fc.uint8Array({ maxLength: 512 }) },
		{
			weight: 1,
			arbitrary: fc
				.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf, 0x7b, 0x7d], [])
				.map((b) => Uint8Array.from(b)),
		},
		{
			weight: 2,
			arbitrary: fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value))),
		},
	)
	.map((bytes) => Buffer.from(bytes));

export const nonEmptyBodyBytes = fc
	.uint8Array({ minLength: 1, maxLength: 512 })
	.map((bytes) => Buffer.from(bytes));

/** Header values an attacker or a broken proxy could send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: anyString() },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'',
			' ',
			'__proto__',
			'constructor',
			'=',
			',',
			', ',
			'Bearer',
			'Bearer ',
			'bearer\t',
			'sha256=',
			'v1=',
			'\u0000',
			'\ud800',
			'\udfff',
			'é',
			'Ã©',
			'😀',
			'null',
			'undefined',
			'[object Object]',
		),
	},
	{ weight: 1, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{64}$/) },
	{ weight: 1, arbitrary: anyString({ minLength: 64, maxLength: 64 }) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(anyString({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1_000, max: 20_000 }))
			.map(([chunk, times]) => chunk.repeat(times)),
	},
);

const headerName = fc.oneof(
	fc.constantFrom(
		...LISTS.flatMap((kit) => kit.proofHeaders),
		'content-type',
		'__proto__',
		'constructor',
		'toString',
		'hasOwnProperty',
		'valueOf',
	),
	fc.string(),
);

export const headerValue = fc.oneof(
	{ weight: 5, arbitrary: hostileString },
	{ weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.constant(undefined) },
);

/** Own properties only (even `__proto__`), with or without a prototype. */
export function objectFrom<V>(
	entries: ReadonlyArray<readonly [string, V]>,
	nullPrototype: boolean,
): Record<string, V> {
	const object: Record<string, V> = nullPrototype ? Object.create(null) : {};
	for (const [key, value] of entries)
		Object.defineProperty(object, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	return object;
}

export const headersObject = fc
	.tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }), fc.boolean())
	.map(([entries, nullPrototype]) => objectFrom(entries, nullPrototype));

/** Every credential field of every list in the registry. */
export const CREDENTIAL_FIELDS: readonly string[] = [
	...new Set(
		LISTS.flatMap((kit) => new kit.Credential().properties.map((property) => property.name)),
	),
];

const recordOf = <T>(value: fc.Arbitrary<T>) =>
	Object.fromEntries(CREDENTIAL_FIELDS.map((field) => [field, value]));

const credentialValue = fc.oneof(hostileString, coreSecret, fc.anything(), fc.constant(undefined));

/** Whatever n8n could hand over as a credential: fields missing, non-strings, odd keys. */
export const credentialsObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
	fc
		.tuple(
			fc.array(
				fc.tuple(
					fc.oneof(fc.constantFrom(...CREDENTIAL_FIELDS, '__proto__', 'constructor'), fc.string()),
					credentialValue,
				),
				{
					maxLength: 8,
				},
			),
			fc.boolean(),
		)
		.map(([entries, nullPrototype]) => objectFrom(entries, nullPrototype)),
	fc.record(recordOf(credentialValue), { requiredKeys: [] }),
	// Every secret set to a string, so that the comparison code runs rather than the early refusal.
	fc.record(recordOf(fc.oneof(coreSecret, hostileString))),
	fc.dictionary(fc.string(), fc.anything()),
	fc.object(),
);

/** A credential field that cannot verify anything; MISSING means the key is absent. */
export const MISSING = Symbol('missing');
export const unusableSecret: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(MISSING),
	fc.constant(''),
	fc
		.array(
			fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff'),
			{ minLength: 1, maxLength: 5 },
		)
		.map((chars) => chars.join('')),
	fc.anything().filter((value) => typeof value !== 'string'),
	fc.constantFrom(0, 1, 123, true, null, ['abc'], { toString: () => 'abc' }),
	// Only the HTTP Bearer scheme, however cased, spaced or repeated: the word itself is no secret.
	fc
		.tuple(
			fc.array(
				fc.tuple(
					fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR'),
					fc.constantFrom(' ', '\t', '\u00a0', '  ', '\n'),
				),
				{ minLength: 1, maxLength: 3 },
			),
			fc.boolean(),
		)
		.map(([schemes, trailing]) => {
			const text = schemes.map(([scheme, space]) => scheme + space).join('');
			return trailing ? text : text.trimEnd();
		}),
);

export function withSecret(
	credentials: Record<string, unknown>,
	field: string,
	value: unknown,
): Record<string, unknown> {
	const copy = { ...credentials };
	if (value === MISSING) delete copy[field];
	else copy[field] = value;
	return copy;
}

/** The strings a careless implementation could compare an unusable secret with. */
export function stringsOf(value: unknown): string[] {
	if (value === MISSING) return ['', 'undefined'];
	const forms = ['', 'Bearer', 'Bearer Bearer'];
	try {
		forms.push(String(value));
	} catch {
		// a null-prototype object has no toString
	}
	try {
		const json = JSON.stringify(value);
		if (typeof json === 'string') forms.push(json);
	} catch {
		// BigInt, cycles
	}
	if (typeof value === 'string') forms.push(value.trim());
	return forms;
}
