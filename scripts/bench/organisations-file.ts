/**
 * A generated organisations CSV of any size, in the format `csirt orgs import` reads: organisation
 * i holds `blocksEach` IPv4 /28s (consecutive, so no two organisations' blocks overlap) and
 * `contactsEach` contacts. Pure: the import test and `npm run bench:import` both use it.
 */
import { formatIpv4 } from "../../lib/net";
import { organisationsToCsv } from "../../lib/orgs/organisations-to-csv";
import type { TOrgImport } from "../../lib/orgs/organisation-import";

const FIRST_ADDRESS = 10 * 2 ** 24;
const ROLES = ["security", "abuse", "technical", "escalation"] as const;

export function generatedOrganisations({
  organisations,
  blocksEach,
  contactsEach,
  namePrefix = "Generated Member",
}: {
  organisations: number;
  blocksEach: number;
  contactsEach: number;
  namePrefix?: string;
}): TOrgImport[] {
  if (organisations * blocksEach * 16 > 2 ** 24) throw new Error("more /28 blocks than 10.0.0.0/8 holds");
  return Array.from({ length: organisations }, (_, i) => {
    const slug = `${namePrefix.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${i + 1}`;
    return {
      name: `${namePrefix} ${i + 1}`,
      slug,
      country: "NL",
      notificationPolicy: i % 10 === 0 ? "hold" : "automatic",
      blocks: Array.from(
        { length: blocksEach },
        (_, k) => `${formatIpv4(FIRST_ADDRESS + (i * blocksEach + k) * 16)}/28`,
      ),
      contacts: Array.from({ length: contactsEach }, (_, k) => ({
        name: `Contact ${k + 1} of member ${i + 1}`,
        email: `${ROLES[k % ROLES.length]}${k}@${slug}.example`,
        role: ROLES[k % ROLES.length]!,
        phone: k === 0 ? `+31 20 555 ${String(i % 10_000).padStart(4, "0")}` : null,
      })),
    };
  });
}

export function generatedOrganisationsCsv(options: Parameters<typeof generatedOrganisations>[0]): string {
  return organisationsToCsv(generatedOrganisations(options));
}
