/**
 * AWS partitions (aws, aws-cn, aws-us-gov): where the global services are signed and which regions
 * host the AI services the collector reads. The lists are small on purpose: each region costs a few
 * calls per account, and a region where a service does not exist only fails.
 */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface RegionalServices {
  bedrockAgents: readonly string[];
  agentcore: readonly string[];
  lambda: readonly string[];
  /** Where existing IAM Access Analyzer analyzers are looked for. */
  accessAnalyzer: readonly string[];
}

/** Regions with Bedrock Agents (same list as scripts/export/aws-export.sh). */
const AWS_BEDROCK_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
];

/** Regions where Bedrock AgentCore (control plane) is offered. */
const AWS_AGENTCORE_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-central-1',
  'eu-west-1',
];

export const PARTITIONS: Record<AwsPartition, { globalRegion: string; regions: RegionalServices }> = {
  aws: {
    globalRegion: 'us-east-1',
    regions: {
      bedrockAgents: AWS_BEDROCK_REGIONS,
      agentcore: AWS_AGENTCORE_REGIONS,
      lambda: AWS_BEDROCK_REGIONS,
      accessAnalyzer: AWS_BEDROCK_REGIONS,
    },
  },
  'aws-us-gov': {
    globalRegion: 'us-gov-west-1',
    regions: {
      bedrockAgents: ['us-gov-west-1'],
      agentcore: [],
      lambda: ['us-gov-west-1', 'us-gov-east-1'],
      accessAnalyzer: ['us-gov-west-1', 'us-gov-east-1'],
    },
  },
  'aws-cn': {
    globalRegion: 'cn-north-1',
    regions: {
      bedrockAgents: [],
      agentcore: [],
      lambda: ['cn-north-1', 'cn-northwest-1'],
      accessAnalyzer: ['cn-north-1', 'cn-northwest-1'],
    },
  },
};

export function partitionOfRegion(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function partitionOfArn(arn: string): AwsPartition {
  const p = arn.split(':')[1];
  return p === 'aws-cn' || p === 'aws-us-gov' ? p : 'aws';
}

/** The regional services' region lists: the partition's, or one explicit list for all. */
export function regionalServices(partition: AwsPartition, explicit?: readonly string[]): RegionalServices {
  if (explicit && explicit.length > 0) {
    const list = [...new Set(explicit)];
    return { bedrockAgents: list, agentcore: list, lambda: list, accessAnalyzer: list };
  }
  return PARTITIONS[partition].regions;
}
