/** AWS STS (query protocol, signing name "sts") for the stub: GetCallerIdentity. */
import {queryError, queryResponse, xmlElement} from './protocols';
import type {AwsStub, StubResponse} from './server';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export const DEFAULT_CALLER: CallerIdentity = {
  account: '123456789012',
  arn: 'arn:aws:iam::123456789012:user/mq-auditor',
  userId: 'AIDAXQ7EXAMPLE4NZJ2KF',
};

export function installSts(stub: AwsStub, caller: CallerIdentity = DEFAULT_CALLER): void {
  stub.on('sts', 'GetCallerIdentity', () =>
    queryResponse(
      'GetCallerIdentity',
      STS_XMLNS,
      xmlElement('Arn', caller.arn) + xmlElement('UserId', caller.userId) + xmlElement('Account', caller.account),
    ),
  );
}

export function stsError(status: number, code: string, message: string): StubResponse {
  return queryError(status, code, message, STS_XMLNS);
}
