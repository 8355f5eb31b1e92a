import { createHmac } from 'crypto';
import { secretsEqual, signHmacSha256, verifyHmacSha256 } from '../nodes/shared/verification';

const secret = 'rk_vote_5f0c1e';
const body = Buffer.from('{"event":"vote"}');
const good = createHmac('sha256', secret).update(body).digest('hex');

describe('signHmacSha256', () => {
	it('gives the lowercase hex HMAC-SHA256 of the exact bytes', () => {
		expect(signHmacSha256(secret, body)).toBe(good);
		expect(signHmacSha256(secret, body)).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('verifyHmacSha256', () => {
	it('accepts the right signature, in either hex case', () => {
		expect(verifyHmacSha256(secret, body, good)).toBe(true);
		expect(verifyHmacSha256(secret, body, good.toUpperCase())).toBe(true);
	});

	it.each([
		['missing', ''],
		['short', good.slice(0, 63)],
		['long', good + '0'],
		['non-hex', 'z' + good.slice(1)],
		['non-ASCII', 'é' + good.slice(1)],
		['sha256= prefixed', `sha256=${good}`],
		['joined with a second value', `${good}, ${good}`],
		['wrong', signHmacSha256('another secret', body)],
	])('refuses a %s signature without throwing', (_case, signature) => {
		expect(verifyHmacSha256(secret, body, signature)).toBe(false);
	});

	it('refuses everything when the secret is empty, even a signature made with an empty key', () => {
		expect(verifyHmacSha256('', body, createHmac('sha256', '').update(body).digest('hex'))).toBe(
			false,
		);
	});

	it('binds the bytes: one changed byte fails', () => {
		const tampered = Buffer.from(body);
		tampered[2] ^= 1;
		expect(verifyHmacSha256(secret, tampered, good)).toBe(false);
	});
});

describe('secretsEqual', () => {
	it.each([
		['same', 'abc', 'abc', true],
		['different', 'abc', 'abd', false],
		['prefix', 'abc', 'abcd', false],
		['empty vs non-empty', '', 'abc', false],
		['both empty', '', '', true],
		['lone surrogates', '\ud800', '\udfff', false],
	])('%s', (_case, a, b, expected) => {
		expect(secretsEqual(a, b)).toBe(expected);
	});
});
