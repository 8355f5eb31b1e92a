import type { DeliveryRequest, Verification } from './platform';
import { asReceivedInHeader, secretsEqual, usableSecret } from './verification';

/** A single header value; repeated headers (an array) are never accepted as proof. */
export function headerValue(request: DeliveryRequest, name: string): string | undefined {
	const value = request.headers[name];
	return typeof value === 'string' ? value : undefined;
}

export function missingSecret(credentialLabel: string, field: string): Verification {
	return {
		ok: false,
		status: 500,
		error: `The ${credentialLabel} credential has no ${field} set, so no request can be verified`,
	};
}

/**
 * Shared-token check: some candidate header value equals the secret in one of its accepted forms.
 * Every pair is compared (no early exit), each in constant time.
 */
export function tokenMatches(received: ReadonlyArray<string | undefined>, accepted: readonly string[]): boolean {
	let matched = false;
	for (const value of received) {
		if (value === undefined) continue;
		for (const form of accepted) matched = secretsEqual(value, asReceivedInHeader(form)) || matched;
	}
	return matched;
}

/** The value after an HTTP `Bearer` scheme (case-insensitive, RFC 7235), or the value itself. */
export function withoutBearer(value: string | undefined): string | undefined {
	return value?.replace(/^bearer\s+/i, '');
}

/** The credential's secret, trimmed, or '' when it is not set. */
export function secretOf(credentials: Readonly<Record<string, unknown>>, field: string): string {
	return usableSecret(credentials[field]);
}

/** Credential check shared by the token platforms: set, and sendable in an HTTP header. */
export function checkHeaderSecret(value: string, label: string): string | undefined {
	if (value === '') return `${label} is empty`;
	// Control characters are exactly what an HTTP header value cannot carry.
	if (/[\u0000-\u001f\u007f]/.test(value)) return `${label} contains control characters that cannot be sent in an HTTP header`;
	return undefined;
}
