import { createHash, createHmac } from 'crypto';
import { fc } from '@fast-check/jest';
import { anyString, hostileString } from './arbitraries';

/**
 * The changes a forger could make to a genuine proof, signature or (body, signature) pair, for the property tests:
 * each applied to a valid value, so that a verifier that accepts one has accepted a forgery.
 */

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
