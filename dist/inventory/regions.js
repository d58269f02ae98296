"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partitionOfRegion = exports.KNOWN_MQ_REGIONS = exports.KNOWN_MQ_REGIONS_AS_OF = void 0;
exports.isKnownMqRegion = isKnownMqRegion;
exports.discoverEnabledRegions = discoverEnabledRegions;
/**
 * Which regions to scan, and whether Amazon MQ exists in a region.
 *
 * "Not offered" is decided by asking: the first MQ call in a region (ListBrokers) fails with a DNS
 * NXDOMAIN on the regional service host (mq.<region>.amazonaws.com) or with a "not available in this
 * region" error when MQ has no endpoint there. A data list cannot be complete for long (regions and
 * service launches keep coming), so it is only used in the safe direction:
 *   - region on KNOWN_MQ_REGIONS + DNS failure → recorded as an error (our network/DNS is broken; we must
 *     not report "no brokers" for a region that has MQ);
 *   - region not on the list + DNS failure → `mqOffered: false`, skipped, not an error;
 *   - region not on the list + answer → collected normally (the list is merely stale).
 */
const client_ec2_1 = require("@aws-sdk/client-ec2");
/**
 * Regions with an Amazon MQ endpoint. Source: "Amazon MQ endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/amazon-mq.html) and "Amazon MQ in Amazon Web Services China",
 * read 2026-11-25; only rows we could read are listed, plus the long-established regions. A missing region
 * is harmless (see above), so extend only from the AWS page.
 */
exports.KNOWN_MQ_REGIONS_AS_OF = '2026-11-25';
exports.KNOWN_MQ_REGIONS = new Set([
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
    'ca-central-1',
    'cn-north-1',
    'cn-northwest-1',
    'eu-central-1',
    'eu-north-1',
    'eu-south-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'me-south-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-gov-east-1',
    'us-gov-west-1',
    'us-west-1',
    'us-west-2',
]);
function isKnownMqRegion(region) {
    return exports.KNOWN_MQ_REGIONS.has(region);
}
/**
 * The regions enabled for the account (opt-in-not-required plus opted-in), sorted. `AllRegions: false`
 * leaves out regions the account has not opted into: calling them fails with an auth error.
 * Throws on failure; the caller records it.
 */
async function discoverEnabledRegions(clients, homeRegion) {
    const output = await clients.ec2(homeRegion).send(new client_ec2_1.DescribeRegionsCommand({ AllRegions: false }));
    const names = (output.Regions ?? [])
        .map((region) => region.RegionName)
        .filter((name) => Boolean(name));
    return [...new Set(names)].sort();
}
/** The partition a region belongs to, for when STS could not tell us. */
var arn_1 = require("../network/arn");
Object.defineProperty(exports, "partitionOfRegion", { enumerable: true, get: function () { return arn_1.partitionOfRegion; } });
