/**
 * "Allowed IPs" option: comma-separated addresses or CIDR ranges, IPv4 or IPv6. Pure functions over
 * strings; the client address is the one n8n's Express resolves (it honours N8N_PROXY_HOPS).
 */
export interface AllowList {
	entries: Array<{ bytes: Uint8Array; prefixBits: number }>;
	invalid: string[];
}

export function parseAllowList(text: string): AllowList {
	const list: AllowList = { entries: [], invalid: [] };
	for (const raw of text.split(/[\s,]+/)) {
		if (raw === '') continue;
		const [address, prefix, extra] = raw.split('/');
		const bytes = addressBytes(address);
		const maxBits = bytes ? bytes.length * 8 : 0;
		const prefixBits =
			prefix === undefined ? maxBits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
		if (!bytes || extra !== undefined || !(prefixBits >= 0 && prefixBits <= maxBits))
			list.invalid.push(raw);
		else list.entries.push({ bytes, prefixBits });
	}
	return list;
}

export function isAllowed(list: AllowList, clientAddress: string | undefined): boolean {
	const client = clientAddress === undefined ? undefined : addressBytes(clientAddress);
	if (!client) return false;
	return list.entries.some(
		({ bytes, prefixBits }) =>
			bytes.length === client.length && samePrefix(bytes, client, prefixBits),
	);
}

function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
	const whole = Math.floor(bits / 8);
	for (let index = 0; index < whole; index++) if (a[index] !== b[index]) return false;
	const rest = bits % 8;
	if (rest === 0) return true;
	const mask = (0xff << (8 - rest)) & 0xff;
	return (a[whole] & mask) === (b[whole] & mask);
}

/** IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (::ffff:1.2.3.4) as its IPv4 form. */
function addressBytes(address: string): Uint8Array | undefined {
	const unzoned = address.replace(/%[\w.-]*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unzoned);
	if (mapped) return ipv4Bytes(mapped[1]);
	return ipv4Bytes(unzoned) ?? ipv6Bytes(unzoned);
}

function ipv4Bytes(text: string): Uint8Array | undefined {
	const parts = text.split('.');
	if (
		parts.length !== 4 ||
		!parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
	)
		return undefined;
	return Uint8Array.from(parts.map(Number));
}

function ipv6Bytes(text: string): Uint8Array | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	// An embedded IPv4 address can only end the whole address (::ffff:1.2.3.4), never come before `::`.
	const words = (part: string, endsAddress: boolean): number[] | undefined => {
		if (part === '') return [];
		const result: number[] = [];
		const groups = part.split(':');
		for (const [index, group] of groups.entries()) {
			const v4 =
				endsAddress && index === groups.length - 1 && group.includes('.')
					? ipv4Bytes(group)
					: undefined;
			if (v4) result.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
			else if (/^[0-9a-f]{1,4}$/i.test(group)) result.push(parseInt(group, 16));
			else return undefined;
		}
		return result;
	};
	const head = words(halves[0], halves.length === 1);
	const tail = halves.length === 2 ? words(halves[1], true) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
	const bytes = new Uint8Array(16);
	all.forEach((word, index) => {
		bytes[index * 2] = word >> 8;
		bytes[index * 2 + 1] = word & 0xff;
	});
	return bytes;
}
