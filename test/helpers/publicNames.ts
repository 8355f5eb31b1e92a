import type { ListKit } from '../shared/kit';

/** The public names (README.md, node and credential types) that saved workflows reference: each list pins its own. */
export interface PublicNames {
	platform: string;
	displayName: string;
	name: string;
	credential: string;
	fields: string[];
}

export function describePublicNames(kit: ListKit, expected: PublicNames): void {
	describe('public names (saved workflows reference them)', () => {
		const { description } = new kit.Node();

		it(`is ${expected.displayName} / ${expected.name} with credential ${expected.credential}`, () => {
			expect(kit.platform.name).toBe(expected.platform);
			expect(description.displayName).toBe(expected.displayName);
			expect(description.name).toBe(expected.name);
			expect(description.credentials).toEqual([
				expect.objectContaining({ name: expected.credential, required: true }),
			]);
		});

		it(`keeps the credential fields ${expected.fields.join(', ')}`, () => {
			const credential = new kit.Credential();
			expect(credential.name).toBe(expected.credential);
			expect(credential.properties.map((property) => property.name)).toEqual(expected.fields);
		});
	});
}
