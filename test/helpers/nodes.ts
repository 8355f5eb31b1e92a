import { createHmac } from 'crypto';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { BoticordTrigger } from '../../nodes/Boticord/BoticordTrigger.node';
import { DiffcordTrigger } from '../../nodes/Diffcord/DiffcordTrigger.node';
import { DiscollabTrigger } from '../../nodes/Discollab/DiscollabTrigger.node';
import { RanklyTrigger } from '../../nodes/Rankly/RanklyTrigger.node';
import * as examples from '../fixtures/examples';

export interface NodeUnderTest {
	platform: string;
	node: INodeType;
	credentials: IDataObject;
	/** Every secret in `credentials`, to search answers and logs for. */
	secrets: string[];
	/** Headers that prove a body came from the platform. */
	sign(body: Buffer | string): Record<string, string>;
	example: string;
}

const hmac = (secret: string, body: Buffer | string) => createHmac('sha256', secret).update(body).digest('hex');

/** One entry per trigger, with a genuine delivery, so that pipeline behaviours are checked on every node. */
export const nodesUnderTest: NodeUnderTest[] = [
	{
		platform: 'diffcord',
		node: new DiffcordTrigger(),
		credentials: { verificationCode: 'dfc-code-6b1' },
		secrets: ['dfc-code-6b1'],
		sign: () => ({ Authorization: 'dfc-code-6b1' }),
		example: examples.diffcord.vote,
	},
	{
		platform: 'discollab',
		node: new DiscollabTrigger(),
		credentials: { token: 'dcl-token-0e9' },
		secrets: ['dcl-token-0e9'],
		sign: () => ({ Authorization: 'Bearer dcl-token-0e9' }),
		example: examples.discollab.serverVote,
	},
	{
		platform: 'rankly',
		node: new RanklyTrigger(),
		credentials: { authorization: 'rk-auth-31c', voteSecret: 'rk-vote-77a', premiumSecret: 'rk-premium-d42' },
		secrets: ['rk-auth-31c', 'rk-vote-77a', 'rk-premium-d42'],
		sign: (body) => ({ 'X-Webhook-Signature': hmac('rk-vote-77a', body) }),
		example: examples.rankly.botVote,
	},
	{
		platform: 'boticord',
		node: new BoticordTrigger(),
		credentials: { hookKey: 'btc-hook-5aa' },
		secrets: ['btc-hook-5aa'],
		sign: () => ({ 'X-Hook-Key': 'btc-hook-5aa' }),
		example: examples.boticord.botBump,
	},
];
