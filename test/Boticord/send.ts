import { BoticordTrigger } from '../../nodes/Boticord/BoticordTrigger.node';
import { deliver } from '../helpers/deliver';

export const node = new BoticordTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const hookKey = 'bc-HookKey-55aa91';
export const credentials = { hookKey };
export const signed = (body: string, headers: Record<string, string> = { 'X-Hook-Key': hookKey }) =>
	deliver(node, { headers, body, credentials });
export const retyped = (example: string, type: string) =>
	JSON.stringify({ ...JSON.parse(example), type });
export const changed = (example: string, change: object) =>
	JSON.stringify({ ...JSON.parse(example), ...change });

export const user = '178404926869733376';
export const bumpedAt = '2021-09-16T10:49:38.024Z';
export const noComment = {
	commentText: null,
	previousCommentText: null,
	commentRating: null,
	previousCommentRating: null,
	commentDeletionReason: null,
};
