import { createHash, createHmac, hash, timingSafeEqual } from 'crypto';

/**
 * Verification primitives, one concern per function (after @octokit/webhooks-methods).
 * All of them are total: any header string, any body and any secret give a verdict, never a throw.
 */

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Lowercase hex HMAC-SHA256 of the exact bytes received. */
export function signHmacSha256(secret: string, payload: Buffer): string {
	return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * True when `signature` is the hex HMAC-SHA256 of `payload` under `secret`.
 * Anything but exactly 64 hex digits (a prefix, a second value joined with ", ", non-ASCII) is refused
 * before any comparison; the comparison itself runs over 32 decoded bytes in constant time.
 */
export function verifyHmacSha256(secret: string, payload: Buffer, signature: string): boolean {
	if (secret.length === 0 || !SHA256_HEX.test(signature)) return false;
	const expected = createHmac('sha256', secret).update(payload).digest();
	return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * Hex SHA-256 of `data` (a string as UTF-8). `crypto.hash` (Node.js 20.12+) takes a third of the time of
 * createHash for a few bytes; createHash stays for a runtime without it.
 */
export const sha256Hex: (data: string | Buffer) => string =
	typeof hash === 'function'
		? (data) => hash('sha256', data, 'hex')
		: (data) => createHash('sha256').update(data).digest('hex');

function digest(value: string): Buffer {
	// UTF-16 code units, not UTF-8: two different strings (even with lone surrogates) never encode alike.
	// Hex decoded, because crypto.hash's own 'buffer' output is slower than that in Node.js 20.
	return Buffer.from(sha256Hex(Buffer.from(value, 'utf16le')), 'hex');
}

/**
 * Constant-time string equality. Comparing fixed-size digests keeps the running time independent of
 * where the strings differ and of their lengths.
 */
export function secretsEqual(received: string, expected: string): boolean {
	return matchesDigest(received, secretDigest(expected));
}

/** The digest `secretsEqual` compares against, for callers that keep it instead of rehashing a secret per request. */
export function secretDigest(secret: string): Buffer {
	return digest(secret);
}

/** `secretsEqual` against a digest made by `secretDigest`. */
export function matchesDigest(received: string, expected: Buffer): boolean {
	return timingSafeEqual(digest(received), expected);
}

/**
 * Node.js decodes header bytes as latin1, so a secret containing non-ASCII characters arrives as its
 * UTF-8 bytes read one per character. This gives the secret in that same form (identity for ASCII).
 */
export function asReceivedInHeader(secret: string): string {
	return Buffer.from(secret, 'utf8').toString('latin1');
}

/** Leading HTTP `Bearer` schemes (RFC 7235: case-insensitive, then whitespace or the end). */
const BEARER_SCHEMES = /^(?:bearer(?:\s+|$))+/i;

/**
 * A credential secret as it can be compared, or '' when it holds nothing to keep out a forger. HTTP strips
 * leading and trailing whitespace from header values, so a secret pasted with a trailing newline could never
 * match: trim it the same way. A value that is only the `Bearer` scheme (as pasted from a dashboard's example
 * header) is no secret: every list that accepts the scheme would compare the word itself, which anyone can send.
 */
export function usableSecret(value: unknown): string {
	if (typeof value !== 'string') return '';
	const trimmed = value.trim();
	return trimmed.replace(BEARER_SCHEMES, '') === '' ? '' : trimmed;
}

/** Why a credential value is not a usable secret, for the credential test; undefined when it is one. */
export function unusableBecause(value: unknown): 'empty' | 'scheme only' | undefined {
	if (usableSecret(value) !== '') return undefined;
	return typeof value === 'string' && value.trim() !== '' ? 'scheme only' : 'empty';
}
