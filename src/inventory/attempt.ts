/**
 * One collection = one or more calls that either all succeed or leave the collection null with the reason in
 * `errors`. No SDK import (errors are classified by ./errors).
 */
import type {AwsService, CollectionError} from '../snapshot/types';
import {toCollectionError} from './errors';
import {MissingFieldsError} from './shapes';

export interface CallSite {
  service: AwsService;
  operation: string;
  region: string;
  /** The resource the call is about (a route table, a Direct Connect gateway…), when it is about one. */
  resource?: string;
}

/** A response that answered but cannot be used as a complete list (e.g. routes cut off without a token). */
export class IncompleteResponseError extends Error {
  override readonly name = 'IncompleteResponseError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Run `collect`; on any failure record a CollectionError for `site` and return null, never a partial list. */
export async function attempt<T>(
  errors: CollectionError[],
  site: CallSite,
  collect: () => Promise<T>,
): Promise<T | null> {
  try {
    return await collect();
  } catch (err) {
    errors.push(collectionErrorFor(err, site));
    return null;
  }
}

export function collectionErrorFor(err: unknown, site: CallSite): CollectionError {
  if (err instanceof MissingFieldsError)
    return malformed(site, 'MalformedResponse', `${site.operation}: ${err.message}`);
  if (err instanceof IncompleteResponseError) return malformed(site, err.code, err.message);
  return toCollectionError(err, site);
}

function malformed(site: CallSite, code: string, message: string): CollectionError {
  const {resource, ...where} = site;
  return {...where, ...(resource !== undefined && {resource}), code, kind: 'malformed-response', message};
}
