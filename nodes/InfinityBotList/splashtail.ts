import { createDecipheriv, createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Infinity Bot List's `splashtail` protocol (Popplio `webhooks/sender/request.go`, `sealPayload`): the body is the
 * lowercase hex of `IV(12) || AES-256-GCM ciphertext || tag(16)` under the key SHA-256(secret + nonce), and
 * `X-Webhook-Signature` is the hex HMAC-SHA512, keyed by the nonce, of the hex HMAC-SHA512 of the body text keyed
 * by the secret. Each function is total: any input gives a verdict, never a throw.
 */

const SHA512_HEX = /^[0-9a-fA-F]{128}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** True when `signature` is the nonce-keyed chain over `body` exactly as received (the hex text, not its bytes). */
export function verifySplashtailSignature(
	secret: string,
	nonce: string,
	body: Buffer,
	signature: string,
): boolean {
	if (secret.length === 0 || nonce.length === 0 || !SHA512_HEX.test(signature)) return false;
	const inner = createHmac('sha512', secret).update(body).digest('hex');
	const expected = createHmac('sha512', nonce).update(inner).digest();
	return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** The key a delivery is sealed under: SHA-256 of the UTF-8 text of the secret followed by the nonce. */
export function splashtailKey(secret: string, nonce: string): Buffer {
	return createHash('sha256')
		.update(secret + nonce, 'utf8')
		.digest();
}

/**
 * The plaintext of a sealed body; `'not ciphertext'` when the body is not the hex of an IV, a ciphertext and a
 * tag, `'tag'` when the tag does not authenticate it under this secret and nonce.
 */
export function openSplashtail(
	secret: string,
	nonce: string,
	body: Buffer,
): Buffer | 'not ciphertext' | 'tag' {
	const text = body.toString('latin1');
	if (text.length < 2 * (IV_BYTES + TAG_BYTES) || !HEX.test(text)) return 'not ciphertext';
	const sealed = Buffer.from(text, 'hex');
	const iv = sealed.subarray(0, IV_BYTES);
	const tag = sealed.subarray(sealed.length - TAG_BYTES);
	try {
		const decipher = createDecipheriv('aes-256-gcm', splashtailKey(secret, nonce), iv, {
			authTagLength: TAG_BYTES,
		});
		decipher.setAuthTag(tag);
		return Buffer.concat([
			decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
			decipher.final(),
		]);
	} catch {
		return 'tag';
	}
}
