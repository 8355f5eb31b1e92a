import type { DeliveryRequest, FailedProof, Platform } from './platform';
import {
	asReceivedInHeader,
	matchesDigest,
	secretDigest,
	unusableBecause,
	usableSecret,
} from './verification';

/** A single header value; repeated headers (an array) are never accepted as proof. */
export function headerValue(request: DeliveryRequest, name: string): string | undefined {
	const value = request.headers[name];
	return typeof value === 'string' ? value : undefined;
}

export function missingSecret(credentialLabel: string, field: string): FailedProof {
	return {
		ok: false,
		status: 500,
		error: `The ${credentialLabel} credential has no ${field} set, so no request can be verified`,
	};
}

/**
 * Shared-token check: some received header value equals the secret, by `secretsEqual`'s constant-time
 * digest comparison. Every value is compared, with no early exit.
 */
export function tokenMatches(received: ReadonlyArray<string | undefined>, secret: string): boolean {
	const expected = expectedDigest(secret);
	let matched = false;
	for (const value of received) {
		if (value !== undefined) matched = matchesDigest(value, expected) || matched;
	}
	return matched;
}

/** Digests of the secrets in use, so each request hashes only what it received. Bounded: a few per node. */
const expectedDigests = new Map<string, Buffer>();

function expectedDigest(secret: string): Buffer {
	let known = expectedDigests.get(secret);
	if (known === undefined) {
		if (expectedDigests.size >= 256) expectedDigests.clear();
		known = secretDigest(asReceivedInHeader(secret));
		expectedDigests.set(secret, known);
	}
	return known;
}

/** The value after an HTTP `Bearer` scheme (case-insensitive, RFC 7235), or the value itself. */
export function withoutBearer(value: string | undefined): string | undefined {
	return value?.replace(/^bearer\s+/i, '');
}

/** The credential's secret, trimmed, or '' when it is not set. */
export function secretOf(credentials: Readonly<Record<string, unknown>>, field: string): string {
	return usableSecret(credentials[field]);
}

/** The credential test's message for the first of `fields` ([name, label]) that holds only the Bearer scheme. */
export function schemeOnlyProblem(
	credentials: Readonly<Record<string, unknown>>,
	fields: ReadonlyArray<readonly [string, string]>,
): string | undefined {
	const field = fields.find(([name]) => unusableBecause(credentials[name]) === 'scheme only');
	return field === undefined
		? undefined
		: `${field[1]} holds only the "Bearer" scheme and no secret: paste the secret itself`;
}

/** Credential check shared by the token platforms: set, more than a scheme, and sendable in an HTTP header. */
export function checkHeaderSecret(
	credentials: Readonly<Record<string, unknown>>,
	field: string,
	label: string,
): string | undefined {
	const schemeOnly = schemeOnlyProblem(credentials, [[field, label]]);
	if (schemeOnly) return schemeOnly;
	if (unusableBecause(credentials[field]) === 'empty') return `${label} is empty`;
	const value = secretOf(credentials, field);
	if (hasCharacterHeadersRefuse(value))
		return `${label} contains control characters that cannot be sent in an HTTP header`;
	return undefined;
}

/**
 * Whether `value` holds a C0 control character or DEL, which an HTTP header value cannot carry (unlike the C1
 * characters payload.ts escapes in log lines, which HTTP allows as obs-text). A loop over char codes rather than a
 * regular expression: eslint's no-control-regex (in n8n's lint configuration) forbids control characters in a pattern.
 */
function hasCharacterHeadersRefuse(value: string): boolean {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		if (code <= 0x1f || code === 0x7f) return true;
	}
	return false;
}

/** What a list whose proof is one secret, exactly, in `Authorization` says of it. */
interface AuthorizationSecret<Family extends string> {
	/** The list's display name, as the 500 for an empty secret names the credential. */
	list: string;
	/** The credential field holding the secret. */
	field: string;
	/** The field as the credential dialog labels it. */
	label: string;
	/** The secret as a refusal names it ("the verification code"). */
	secretName: string;
	family: Family;
	/** Why a refused request was refused, for n8n's log: a sign of a superseded scheme, say. */
	detail?(request: DeliveryRequest): string | undefined;
}

/**
 * The proof of the lists whose deliveries carry one saved secret in `Authorization`, exactly as saved: decided
 * from the headers alone, compared in constant time, failing closed when the secret is empty.
 */
export function authorizationSecret<Family extends string>(
	proof: AuthorizationSecret<Family>,
): Pick<Platform<Family>, 'provesWithHeadersOnly' | 'verify' | 'checkCredential'> {
	return {
		provesWithHeadersOnly: () => true,
		verify(request, credentials) {
			const secret = secretOf(credentials, proof.field);
			if (secret === '') return missingSecret(proof.list, proof.secretName);
			if (!tokenMatches([headerValue(request, 'authorization')], secret)) {
				return {
					ok: false,
					status: 401,
					error: `Authorization header does not match the ${proof.secretName}`,
					detail: proof.detail?.(request),
				};
			}
			return { ok: true, family: proof.family };
		},
		checkCredential(credentials) {
			const problem = checkHeaderSecret(credentials, proof.field, proof.label);
			return problem
				? { ok: false, message: problem }
				: { ok: true, message: `${proof.label} is set` };
		},
	};
}
