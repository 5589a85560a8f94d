/**
 * The three wire protocols the emulated services speak, for success and error responses:
 * - AWS Query (IAM, STS): form-encoded POST in, `<XResponse><XResult>` XML out, `<ErrorResponse>` errors;
 * - AWS JSON 1.1 (Organizations): `X-Amz-Target` in, JSON out, `__type` errors;
 * - REST-JSON (Bedrock Agent, AgentCore control, Lambda, Access Analyzer): path routes, JSON out,
 *   `x-amzn-ErrorType` errors.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../../../model/inventory';
import { escapeXml, xmlMembers } from './xml';

export type Protocol = 'query' | 'json' | 'rest-json';

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An error the emulated service answers with; rendered in the service's protocol. */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

const QUERY_NAMESPACES: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

export function queryResponse(
  service: string,
  action: string,
  result: { [key: string]: JsonValue | undefined },
): EmulatorResponse {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${QUERY_NAMESPACES[service] ?? ''}">` +
    `<${action}Result>${xmlMembers(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

function queryError(service: string, error: EmulatorError): EmulatorResponse {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${QUERY_NAMESPACES[service] ?? ''}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  };
}

export function jsonResponse(protocol: Protocol, value: JsonValue, status = 200): EmulatorResponse {
  return {
    status,
    headers: {
      'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json',
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify(value),
  };
}

export function errorResponse(protocol: Protocol, service: string, error: EmulatorError): EmulatorResponse {
  if (protocol === 'query') return queryError(service, error);
  if (protocol === 'json') {
    return jsonResponse('json', { __type: error.code, Message: error.message }, error.status);
  }
  const response = jsonResponse('rest-json', { message: error.message }, error.status);
  response.headers['x-amzn-errortype'] = error.code;
  return response;
}

/** Error codes per protocol family, as the real services send them. */
export function throttleError(service: string): EmulatorError {
  if (service === 'iam' || service === 'sts') return new EmulatorError(400, 'Throttling', 'Rate exceeded');
  if (service === 'organizations') {
    return new EmulatorError(
      400,
      'TooManyRequestsException',
      'You have sent too many requests in too short a period of time.',
    );
  }
  if (service === 'lambda') return new EmulatorError(429, 'TooManyRequestsException', 'Rate exceeded');
  return new EmulatorError(429, 'ThrottlingException', 'Rate exceeded');
}

export function serverError(service: string): EmulatorError {
  if (service === 'iam' || service === 'sts') {
    return new EmulatorError(
      500,
      'ServiceFailure',
      'The request processing has failed because of an unknown error.',
    );
  }
  if (service === 'organizations')
    return new EmulatorError(
      500,
      'ServiceException',
      "AWS Organizations can't complete your request because of an internal service error.",
    );
  if (service === 'lambda')
    return new EmulatorError(
      500,
      'ServiceException',
      'The AWS Lambda service encountered an internal error.',
    );
  return new EmulatorError(500, 'InternalServerException', 'Internal server error');
}

/** AccessDenied in each service's words; the message names the action as AWS does. */
export function accessDenied(
  service: string,
  callerArn: string,
  action: string,
  resource = '*',
): EmulatorError {
  const message =
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ` +
    `because no identity-based policy allows the ${action} action`;
  if (service === 'iam' || service === 'sts') return new EmulatorError(403, 'AccessDenied', message);
  if (service === 'organizations') return new EmulatorError(400, 'AccessDeniedException', message);
  if (service === 'lambda') return new EmulatorError(403, 'AccessDeniedException', message);
  return new EmulatorError(403, 'AccessDeniedException', message);
}

/** What a regional endpoint answers for an opt-in region the account has not enabled. */
export function regionDisabled(service: string, account: string, region: string): EmulatorError {
  if (service === 'sts') {
    return new EmulatorError(
      403,
      'RegionDisabledException',
      `STS is not activated in this region (${region}) for account ${account}. Your account administrator can activate STS in this region using the IAM Console.`,
    );
  }
  if (service === 'iam')
    return new EmulatorError(
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
  return new EmulatorError(
    403,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );
}
