/**
 * Amazon EC2 (EC2 query protocol, signing name "ec2") for the stub: DescribeRegions.
 * Network collectors add their operations in their own file with the same builders:
 *   stub.on('ec2', 'DescribeSubnets', (req) => ec2Response('DescribeSubnets', ec2List('subnetSet', subnets, renderSubnet)))
 * (form fields such as `Filter.1.Name`, `MaxResults`, `NextToken` are in req.params).
 */
import {ec2Error, ec2List, ec2Response, xmlElement} from './protocols';
import type {AwsStub} from './server';

export {ec2Error, ec2List, ec2Response} from './protocols';

export interface RegionInfo {
  name: string;
  optInStatus?: 'not-opted-in' | 'opt-in-not-required' | 'opted-in';
}

/** DescribeRegions over `regions`; honours AllRegions=false by leaving out not-opted-in ones. */
export function installEc2Regions(stub: AwsStub, regions: readonly (RegionInfo | string)[]): void {
  const infos = regions.map((region): RegionInfo => (typeof region === 'string' ? {name: region, optInStatus: 'opt-in-not-required'} : region));
  stub.on('ec2', 'DescribeRegions', (req) => {
    const all = req.params.AllRegions === 'true';
    const visible = infos.filter((info) => all || info.optInStatus !== 'not-opted-in');
    return ec2Response(
      'DescribeRegions',
      ec2List(
        'regionInfo',
        visible,
        (info) =>
          xmlElement('regionName', info.name) +
          xmlElement('regionEndpoint', `ec2.${info.name}.amazonaws.com`) +
          xmlElement('optInStatus', info.optInStatus ?? 'opt-in-not-required'),
      ),
    );
  });
}

/** The error EC2 gives a principal without the permission. */
export function ec2Unauthorized(): ReturnType<typeof ec2Error> {
  return ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
}
