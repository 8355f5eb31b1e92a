import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { isoOrNull, parseIsoDateTime } from '../time';

/**
 * The items every action node emits, flat and the same on every list (README, "Action nodes"), so one workflow
 * serves every list: `platform` as the triggers name it, ids as strings, times as ISO 8601 or null, and `raw`, the
 * list's own answer, for anything the flat fields leave out.
 */

export interface VoteStatus {
	targetId: string | null;
	userId: string;
	voted: boolean;
	votedAt: string | null;
	nextVoteAt: string | null;
	voteWeight: number | null;
	raw: unknown;
}

export interface ListedVote {
	targetId: string | null;
	userId: string;
	username: string | null;
	votedAt: string | null;
	voteWeight: number | null;
	raw: unknown;
}

/** What Post Stats sent, under the parameters' names (the same on every list, whatever the list calls them). */
export type SentStats = Record<string, number>;

export function voteStatusItem(platform: string, status: VoteStatus): INodeExecutionData {
	return { json: { platform, ...status } as unknown as IDataObject };
}

export function listedVoteItems(platform: string, votes: ListedVote[]): INodeExecutionData[] {
	return votes.map((vote) => ({ json: { platform, ...vote } as unknown as IDataObject }));
}

export function postedItem(
	platform: string,
	targetId: string | null,
	stats: SentStats,
	raw: unknown,
): INodeExecutionData {
	return {
		json: { platform, targetId, posted: true, stats, raw: raw === '' ? null : raw } as IDataObject,
	};
}

/** Post Stats' numbers as the user set them: Server Count, then each Additional Field that is set. */
export function sentStats(context: IExecuteSingleFunctions): SentStats {
	const stats: SentStats = { serverCount: context.getNodeParameter('serverCount') as number };
	const more = context.getNodeParameter('additionalFields', {}) as IDataObject;
	for (const [name, value] of Object.entries(more)) {
		if (typeof value === 'number') stats[name] = value;
	}
	return stats;
}

/** The node's Bot ID, or null on the lists whose token names the bot. */
export function botIdOrNull(context: IExecuteSingleFunctions): string | null {
	const id = context.getNodeParameter('botId', '') as string;
	return id === '' ? null : id;
}

/** An ISO 8601 time the list sent, as the one form every time field of an item has, or null. */
export function isoFromText(value: string | null | undefined): string | null {
	if (typeof value !== 'string') return null;
	const ms = parseIsoDateTime(value);
	return ms === undefined ? null : isoOrNull(ms);
}

/** A time the list sent as epoch milliseconds, as ISO 8601, or null. */
export function isoFromMs(value: number | null | undefined): string | null {
	return typeof value === 'number' && Number.isFinite(value) ? isoOrNull(Math.trunc(value)) : null;
}
