/**
 * ARN parsing. ARNs are `arn:partition:service:region:account:resource`; the resource part may itself
 * contain colons (Lambda versions, AgentCore runtime versions), so only the first five separators split.
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const end = arn.indexOf(':', start);
    if (end < 0) return undefined;
    parts.push(arn.slice(start, end));
    start = end + 1;
  }
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: arn.slice(start) };
}

/** An IAM role, user, group, root or policy ARN: `arn:aws:iam::123456789012:role/...`. */
export const IAM_ARN_PATTERN = /^arn:[a-z0-9-]+:iam::\d{12}:\S/;

/** A managed policy ARN; AWS managed policies have `aws` in place of the account. */
export const IAM_POLICY_ARN_PATTERN = /^arn:[a-z0-9-]+:iam::(?:\d{12}|aws):policy\//;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

export function accountOfArn(arn: string): string | undefined {
  const account = parseArn(arn)?.account;
  return account && ACCOUNT_ID_PATTERN.test(account) ? account : undefined;
}

export function regionOfArn(arn: string): string | undefined {
  const region = parseArn(arn)?.region;
  return region ? region : undefined;
}

export function partitionOfArn(arn: string): string {
  return parseArn(arn)?.partition || 'aws';
}

export function rootArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:root`;
}

/** True for IAM role and user ARNs and the account root: principals that can be inventory identities. */
export function isIamPrincipalArn(arn: string): boolean {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !ACCOUNT_ID_PATTERN.test(parsed.account)) return false;
  return (
    parsed.resource === 'root' || parsed.resource.startsWith('role/') || parsed.resource.startsWith('user/')
  );
}
