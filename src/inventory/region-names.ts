/**
 * Is a region name one AWS has? No SDK import: the flag parser checks --region before anything loads the SDK.
 *
 * A list cannot be complete for long (AWS opens regions every year), so a name not on it is refused only when it
 * cannot be a region AWS opened since:
 *   - it does not have the shape of a region name (`eu-west-1`, `us-gov-west-1`, `us-isob-east-1`, `eusc-de-east-1`);
 *   - its direction is not one AWS uses (east, west, north, south, central and the four in between): `eu-wset-1`;
 *   - its number skips ahead: AWS numbers the regions of one geography and direction in order from 1 (us-east-1,
 *     us-east-2; ap-southeast-1 … 7), so a number more than NEW_REGION_SLACK past the highest on the list
 *     (`us-east-9`), or 0, is a typo, while the next ones (`ap-southeast-8`, or `ca-east-1` for a new direction)
 *     are accepted.
 * A new geography (`mx-`, `il-` were) is accepted. Refusals name the closest known regions by edit distance.
 */
import {editDistance} from '../foundation/nearest';

/**
 * Every AWS region, all partitions, as the AWS SDK for JavaScript's partition data (@aws-sdk/core 3.x) listed them
 * on KNOWN_AWS_REGIONS_AS_OF; KNOWN_MQ_REGIONS (./regions) is a subset.
 */
export const KNOWN_AWS_REGIONS_AS_OF = '2026-12-07';
export const KNOWN_AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-central-2',
  'eu-isoe-west-1',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eusc-de-east-1',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isob-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
  'us-west-1',
  'us-west-2',
];

const KNOWN = new Set(KNOWN_AWS_REGIONS);
const SHAPE = /^([a-z]{2,4}(?:-[a-z]+)*-([a-z]+))-(\d+)$/;
const DIRECTIONS = new Set([
  'east',
  'west',
  'north',
  'south',
  'central',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
]);
/** Regions AWS may have opened in one geography and direction since the list's date. */
export const NEW_REGION_SLACK = 2;

/** Why `name` cannot be an AWS region, with the closest known names; undefined when it is (or may be) one. */
export function regionProblem(name: string): string | undefined {
  if (KNOWN.has(name)) return undefined;
  const match = SHAPE.exec(name);
  const why = !match
    ? 'is not an AWS region name'
    : !DIRECTIONS.has(match[2])
      ? `is not an AWS region: "${match[2]}" is not a direction AWS names regions by`
      : numberProblem(match[1], Number(match[3]));
  if (why === undefined) return undefined;
  const closest = closestRegions(name);
  return `"${name}" ${why}; ${closest.length > 0 ? `did you mean ${closest.join(' or ')}?` : 'expected e.g. eu-west-1'}`;
}

function numberProblem(stem: string, number: number): string | undefined {
  const highest = Math.max(
    0,
    ...KNOWN_AWS_REGIONS.filter((region) => region.slice(0, region.lastIndexOf('-')) === stem).map((region) =>
      Number(region.slice(region.lastIndexOf('-') + 1)),
    ),
  );
  if (number >= 1 && number <= highest + NEW_REGION_SLACK) return undefined;
  if (number < 1) return 'is not an AWS region: their numbers start at 1';
  return highest === 0
    ? `is not an AWS region: AWS numbers a new geography's regions from 1`
    : `is not an AWS region: AWS numbers regions in order from 1, and the highest ${stem} region known on ${KNOWN_AWS_REGIONS_AS_OF} is ${stem}-${highest} (the next ${NEW_REGION_SLACK} are accepted, for regions opened since)`;
}

/** The known regions nearest to `name` by edit distance: those tied for the least, at most `count`, at most 4 edits away. */
export function closestRegions(name: string, count = 3): string[] {
  const scored = KNOWN_AWS_REGIONS.map((region) => ({region, distance: editDistance(name, region)}));
  const least = Math.min(...scored.map(({distance}) => distance));
  if (least > 4) return [];
  return scored
    .filter(({distance}) => distance === least)
    .map(({region}) => region)
    .sort()
    .slice(0, count);
}

/** Levenshtein distance (the one all of mq-audit's suggestions use). */
export {editDistance};
