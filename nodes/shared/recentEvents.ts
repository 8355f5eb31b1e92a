import { sha256Hex } from './verification';

/**
 * The events one trigger node has seen recently, for ignoring redeliveries: a capped, expiring set.
 * Check-and-record is one synchronous call, so within one Node.js process concurrent copies of a delivery
 * cannot both pass. Nothing is shared between processes and nothing survives a restart.
 *
 * Keys are kept in a ring in arrival order beside a map from key to expiry, so that recording and evicting
 * each cost O(1) however full the set is (a Map alone, deleted from its front, makes every later walk step
 * over the deleted slots). A key longer than a digest is stored as its SHA-256, so a sender choosing long
 * ids cannot make an entry cost more than a short one.
 */
export class RecentEvents {
	private readonly expiries = new Map<string, number>();
	// The ring: slots head .. head + count - 1 (modulo capacity), oldest first. Written at its end, so the
	// arrays grow densely up to the capacity and are reused from then on.
	private readonly ringKeys: string[] = [];
	private readonly ringExpiries: number[] = [];
	private head = 0;
	private count = 0;

	constructor(private readonly capacity: number) {}

	/** True when `key` was recorded less than `windowMs` ago; otherwise records it now and returns false. */
	seenBefore(key: string, now: number, windowMs: number): boolean {
		const stored = storedKey(key);
		const expiry = this.expiries.get(stored);
		if (expiry !== undefined && expiry > now) return true;
		this.evictExpired(now);
		if (this.count === this.capacity) this.evictOldest();
		const slot = (this.head + this.count) % this.capacity;
		this.expiries.set(stored, now + windowMs);
		this.ringKeys[slot] = stored;
		this.ringExpiries[slot] = now + windowMs;
		this.count++;
		return false;
	}

	/** Keys currently remembered. */
	get size(): number {
		return this.expiries.size;
	}

	private evictExpired(now: number): void {
		while (this.count > 0 && this.ringExpiries[this.head] <= now) this.evictOldest();
	}

	private evictOldest(): void {
		const key = this.ringKeys[this.head];
		// A key recorded again after it expired has a newer slot: only the slot holding its current expiry owns it.
		if (this.expiries.get(key) === this.ringExpiries[this.head]) this.expiries.delete(key);
		this.ringKeys[this.head] = '';
		this.head = (this.head + 1) % this.capacity;
		this.count--;
	}
}

/** A digest is 64 characters: longer keys are stored as one. */
const MAX_KEY_LENGTH = 64;

function storedKey(key: string): string {
	return key.length <= MAX_KEY_LENGTH ? key : `#${sha256Hex(key)}`;
}

/** Keys each trigger node remembers: its own traffic can never evict another node's entries. */
export const CAPACITY_PER_NODE = 100_000;

const byNode = new Map<string, RecentEvents>();

/** The redelivery memory of one node of one workflow, made on its first delivery. */
export function recentEventsOf(nodeKey: string): RecentEvents {
	let recent = byNode.get(nodeKey);
	if (recent === undefined) {
		recent = new RecentEvents(CAPACITY_PER_NODE);
		byNode.set(nodeKey, recent);
	}
	return recent;
}
