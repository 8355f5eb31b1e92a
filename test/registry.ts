import { botHuntKit } from './BotHunt/kit';
import { boticordKit } from './Boticord/kit';
import { botRadarKit } from './BotRadar/kit';
import { diffcordKit } from './Diffcord/kit';
import { discordBotListKit } from './DiscordBotList/kit';
import { discordForgeKit } from './DiscordForge/kit';
import { discordPlaceKit } from './DiscordPlace/kit';
import { discordsKit } from './Discords/kit';
import { discollabKit } from './Discollab/kit';
import { dlistSpaceKit } from './DlistSpace/kit';
import { infinityBotListKit } from './InfinityBotList/kit';
import { ranklyKit } from './Rankly/kit';
import { topggKit } from './Topgg/kit';
import { voidBotsKit } from './VoidBots/kit';
import type { ListKit } from './shared/kit';

/**
 * Every list of the pack, in the order the README presents them. The tests, the demo, the benchmarks and
 * the scripts iterate over this; package.json's `n8n` section (checked against it) is what n8n loads.
 * Development only: test/ is not part of the published package.
 */
export const LISTS: readonly ListKit[] = [
	topggKit,
	diffcordKit,
	discollabKit,
	ranklyKit,
	boticordKit,
	infinityBotListKit,
	discordBotListKit,
	discordsKit,
	discordPlaceKit,
	discordForgeKit,
	botHuntKit,
	dlistSpaceKit,
	botRadarKit,
	voidBotsKit,
];

/**
 * The list whose trigger a workflow node of `type` is: `<package>.<node name>` (the pack's `n8n-nodes-botlists.`
 * or a single-list package's), or the node name alone. Node names hold no dot.
 */
export function listOfNodeType(type: string): ListKit {
	const name = type.slice(type.lastIndexOf('.') + 1);
	const kit = LISTS.find((entry) => new entry.Node().description.name === name);
	if (kit === undefined) throw new Error(`No list in test/registry.ts has the trigger ${type}`);
	return kit;
}

export function listNamed(platform: string): ListKit {
	const kit = LISTS.find((entry) => entry.platform.name === platform);
	if (kit === undefined) throw new Error(`No list "${platform}" in test/registry.ts`);
	return kit;
}
