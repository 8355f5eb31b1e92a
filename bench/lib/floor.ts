/*
 * The floor of the in-process benchmark: the least any receiver must do with a delivery proven by `proof`,
 * on the same bytes the node gets: check the proof, and only if it holds, JSON.parse the body. A floor that
 * refuses a genuine delivery skips the parse and flatters itself, so `floorFor` checks it accepts first.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { bearerRemoved, type Credentials, type Proof } from '../../test/shared/kit';

/** One delivery's work: the parsed body when the proof holds, false when it does not. */
export type Floor = () => unknown;

/** Constant-time equality of two strings of any lengths: their SHA-256 digests compared with timingSafeEqual. */
function digestEqual(received: string, secret: string): boolean {
	const receivedDigest = createHash('sha256').update(received, 'utf16le').digest();
	const secretDigest = createHash('sha256').update(secret, 'utf16le').digest();
	return timingSafeEqual(receivedDigest, secretDigest);
}

/**
 * The header value against the saved secret. A list may send the secret after an HTTP `Bearer` scheme the
 * user does not save; a receiver then removes the scheme before comparing, as the node does. A delivery
 * without the scheme (or a secret saved with it) needs no removal, so that floor does none.
 */
function tokenFloor(received: string, secret: string, rawBody: Buffer): Floor {
	const schemeToRemove = bearerRemoved(received) !== received && bearerRemoved(secret) === secret;
	if (schemeToRemove)
		return () =>
			digestEqual(bearerRemoved(received), secret) && JSON.parse(rawBody.toString('utf8'));
	return () => digestEqual(received, secret) && JSON.parse(rawBody.toString('utf8'));
}

/** HMAC-SHA256 of the raw body under the secret, against the header's hex digest, in constant time. */
function hmacFloor(received: string, secret: string, rawBody: Buffer): Floor {
	const signature = Buffer.from(received, 'hex');
	return () => {
		const expected = createHmac('sha256', secret).update(rawBody).digest();
		return (
			expected.length === signature.length &&
			timingSafeEqual(expected, signature) &&
			JSON.parse(rawBody.toString('utf8'))
		);
	};
}

/**
 * `t=<unix>,v1=<hex>`: the HMAC-SHA256 of `<t>.<raw body>` against v1, in constant time. The header is split
 * per delivery, as any receiver must; the timestamp check is one comparison and left out.
 */
function timestampedHmacFloor(received: string, secret: string, rawBody: Buffer): Floor {
	return () => {
		let timestamp = '';
		let hex = '';
		for (const part of received.split(',')) {
			if (part.startsWith('t=')) timestamp = part.slice(2);
			else if (part.startsWith('v1=')) hex = part.slice(3);
		}
		const signature = Buffer.from(hex, 'hex');
		const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
		return (
			expected.length === signature.length &&
			timingSafeEqual(expected, signature) &&
			JSON.parse(rawBody.toString('utf8'))
		);
	};
}

const FLOORS: Record<
	Exclude<Proof['kind'], 'own'>,
	(received: string, secret: string, rawBody: Buffer) => Floor
> = {
	token: tokenFloor,
	'hmac-sha256-hex': hmacFloor,
	'hmac-sha256-timestamped': timestampedHmacFloor,
};

/** The floor for a delivery: `headers` as the node receives them (lowercase names), `credentials` as saved. */
export function floorFor(
	proof: Proof,
	credentials: Credentials,
	headers: Readonly<Record<string, string>>,
	rawBody: Buffer,
): Floor {
	const floor =
		proof.kind === 'own'
			? () => proof.floor(headers, rawBody, credentials)
			: sharedFloor(proof, credentials, headers, rawBody);
	if (floor() === false)
		throw new Error(`the ${describeProof(proof)} floor refuses a genuine delivery`);
	return floor;
}

function sharedFloor(
	proof: Exclude<Proof, { kind: 'own' }>,
	credentials: Credentials,
	headers: Readonly<Record<string, string>>,
	rawBody: Buffer,
): Floor {
	const received = headers[proof.header];
	const secret = credentials[proof.secretField];
	if (received === undefined) throw new Error(`the signed delivery has no ${proof.header} header`);
	if (secret === undefined) throw new Error(`the credentials have no ${proof.secretField}`);
	// The prefix is removed once, outside the timed work: a receiver's cost of that is a comparison.
	const prefix = proof.kind === 'hmac-sha256-hex' ? (proof.prefix ?? '') : '';
	if (!received.startsWith(prefix))
		throw new Error(`the ${proof.header} header does not start with ${prefix}`);
	return FLOORS[proof.kind](received.slice(prefix.length), secret, rawBody);
}

function describeProof(proof: Proof): string {
	return proof.kind === 'own'
		? "list's own"
		: `${proof.kind} (${proof.header} against ${proof.secretField})`;
}
