import { createHash, createHmac } from 'crypto';
import { fc } from '@fast-check/jest';
import { LISTS } from '../registry';
export { mutatedExample } from './mutatedExample';

/**
 * Generators for the property tests (test/properties.test.ts): secrets, hostile header values,
 * header and credential objects, bodies, and the tamperings a forger could try.
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

/** Changes a forger could make to a proof value; each is applied to a valid value by `mutate`. */
export type Mutation =
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'remove'; at: number }
	| { kind: 'replace'; at: number; text: string }
	| { kind: 'flipCase'; at: number }
	| { kind: 'append'; text: string }
	| { kind: 'prefix'; text: string }
	| { kind: 'join'; other: string | null; first: boolean }
	| { kind: 'truncate'; keep: number }
	| { kind: 'repeat' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({
		kind: fc.constant('insert' as const),
		at: fc.nat(),
		text: anyString({ minLength: 1, maxLength: 3 }),
	}),
	fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
	fc.record({
		kind: fc.constant('replace' as const),
		at: fc.nat(),
		text: anyString({ minLength: 1, maxLength: 1 }),
	}),
	fc.record({ kind: fc.constant('flipCase' as const), at: fc.nat() }),
	fc.record({
		kind: fc.constant('append' as const),
		text: anyString({ minLength: 1, maxLength: 8 }),
	}),
	fc.record({
		kind: fc.constant('prefix' as const),
		text: fc.oneof(
			fc.constantFrom('sha256=', ' ', 'v1=', 'Bearer ', 'Basic ', 'Token ', '"', 'Bearer Bearer '),
			anyString({ minLength: 1, maxLength: 4 }),
		),
	}),
	fc.record({
		kind: fc.constant('join' as const),
		other: fc.option(hostileString),
		first: fc.boolean(),
	}),
	fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
	fc.constant({ kind: 'repeat' as const }),
);

export function mutate(value: string, change: Mutation): string | string[] {
	const at = (n: number, extra = 0) => n % (value.length + extra);
	switch (change.kind) {
		case 'insert': {
			const i = at(change.at, 1);
			return value.slice(0, i) + change.text + value.slice(i);
		}
		case 'remove': {
			if (value.length === 0) return 'x';
			const i = at(change.at);
			return value.slice(0, i) + value.slice(i + 1);
		}
		case 'replace': {
			if (value.length === 0) return change.text;
			const i = at(change.at);
			return value.slice(0, i) + change.text + value.slice(i + 1);
		}
		case 'flipCase': {
			if (value.length === 0) return 'X';
			const i = at(change.at);
			const c = value[i];
			const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
			return value.slice(0, i) + flipped + value.slice(i + 1);
		}
		case 'append':
			return value + change.text;
		case 'prefix':
			return change.text + value;
		case 'join': {
			const other = change.other ?? value;
			return change.first ? `${value}, ${other}` : `${other}, ${value}`;
		}
		case 'truncate':
			return value.slice(0, change.keep % Math.max(value.length, 1));
		case 'repeat':
			return [value, value];
	}
}

/** A single hex digit changed to another value (either case): the signature then names a different MAC. */
export const hexDigitChange = fc.record({
	at: fc.nat(63),
	delta: fc.integer({ min: 1, max: 15 }),
	upper: fc.boolean(),
});

export function changeHexDigit(
	signature: string,
	change: { at: number; delta: number; upper: boolean },
): string {
	const digit = ((parseInt(signature[change.at], 16) + change.delta) % 16).toString(16);
	return (
		signature.slice(0, change.at) +
		(change.upper ? digit.toUpperCase() : digit) +
		signature.slice(change.at + 1)
	);
}

/** Two HMAC keys are interchangeable when their UTF-8 bytes, hashed if over 64 bytes, agree once zero-padded. */
export function sameHmacKey(a: string, b: string): boolean {
	const block = (key: string) => {
		let bytes = Buffer.from(key, 'utf8');
		if (bytes.length > 64) bytes = createHash('sha256').update(bytes).digest();
		return Buffer.concat([bytes, Buffer.alloc(64 - bytes.length)]);
	};
	return block(a).equals(block(b));
}

/** Hex HMAC-SHA256 by node:crypto: the independent oracle the signature properties check against. */
export const hmacHex = (secret: string, body: Buffer | string): string =>
	createHmac('sha256', secret).update(body).digest('hex');

/** A change a forger makes to a genuine (body, HMAC signature) pair. */
export type Tamper =
	| { kind: 'bodyBit'; at: number; bit: number }
	| { kind: 'bodyAppend'; bytes: Uint8Array }
	| { kind: 'hexDigit'; change: { at: number; delta: number; upper: boolean } }
	| { kind: 'signature'; change: Mutation }
	| { kind: 'otherKey'; key: string };

export const tamper: fc.Arbitrary<Tamper> = fc.oneof(
	fc.record({
		kind: fc.constant('bodyBit' as const),
		at: fc.nat(),
		bit: fc.integer({ min: 0, max: 7 }),
	}),
	fc.record({
		kind: fc.constant('bodyAppend' as const),
		bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
	}),
	fc.record({ kind: fc.constant('hexDigit' as const), change: hexDigitChange }),
	fc.record({ kind: fc.constant('hexDigit' as const), change: hexDigitChange }),
	fc.record({ kind: fc.constant('signature' as const), change: mutation }),
	fc.record({ kind: fc.constant('signature' as const), change: mutation }),
	fc.record({
		kind: fc.constant('otherKey' as const),
		key: anyString({ minLength: 1, maxLength: 80 }),
	}),
);

/** The request a forger derives from a genuine (body, signature); undefined when the change is no change. */
export function forge(
	body: Buffer,
	signature: string,
	change: Tamper,
	keys: string[],
): { body: Buffer; signature: string | string[] } | undefined {
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
			return typeof forged === 'string' && forged.toLowerCase() === signature
				? undefined
				: { body, signature: forged };
		}
		case 'otherKey':
			return keys.some((key) => sameHmacKey(key, change.key))
				? undefined
				: { body, signature: hmacHex(change.key, body) };
	}
}
