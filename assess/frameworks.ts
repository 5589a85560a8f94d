/**
 * The frameworks rules map to, with the names of the controls used, so reports can print
 * "NHI7 Long-Lived Secrets" rather than a bare id. Ids and titles come from the known-valid lists in
 * assess/data/framework-controls.json (checked against the published documents: OWASP NHI Top 10
 * 2025, OWASP Top 10 for Agentic Applications 2026, CIS AWS Foundations v5.0.0 and v7.0.0 and CIS
 * Microsoft 365 Foundations v6.0.0 as carried in Prowler's compliance files, NIST AI 100-1, EU AI
 * Act, ISO/IEC 42001:2023 Annex A, NIST SP 800-207 section 2.1); test/assess/frameworks.test.ts
 * checks every id here and in the rules against those lists.
 */
import type { Framework, FrameworkRef } from '../model/findings';

export interface FrameworkInfo {
  name: string;
  version: string;
  url: string;
  controls: Readonly<Record<string, string>>;
}

export const FRAMEWORKS: Readonly<Record<Framework, FrameworkInfo>> = {
  'owasp-nhi': {
    name: 'OWASP Non-Human Identities Top 10',
    version: '2025',
    url: 'https://owasp.org/www-project-non-human-identities-top-10/2025/',
    controls: {
      NHI1: 'Improper Offboarding',
      NHI2: 'Secret Leakage',
      NHI3: 'Vulnerable Third-Party NHI',
      NHI4: 'Insecure Authentication',
      NHI5: 'Overprivileged NHI',
      NHI6: 'Insecure Cloud Deployment Configurations',
      NHI7: 'Long-Lived Secrets',
      NHI8: 'Environment Isolation',
      NHI9: 'NHI Reuse',
      NHI10: 'Human Use of NHI',
    },
  },
  'owasp-agentic': {
    name: 'OWASP Top 10 for Agentic Applications',
    version: '2026',
    url: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
    controls: {
      ASI01: 'Agent Goal Hijack',
      ASI02: 'Tool Misuse and Exploitation',
      ASI03: 'Identity and Privilege Abuse',
      ASI04: 'Agentic Supply Chain Vulnerabilities',
      ASI05: 'Unexpected Code Execution',
      ASI06: 'Memory and Context Poisoning',
      ASI07: 'Insecure Inter-Agent Communication',
      ASI08: 'Cascading Failures',
      ASI09: 'Human-Agent Trust Exploitation',
      ASI10: 'Rogue Agents',
    },
  },
  'cis-aws-v5': {
    name: 'CIS Amazon Web Services Foundations Benchmark',
    version: '5.0.0',
    url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
    controls: {
      '1.3': "Ensure no 'root' user account access key exists",
      '1.10': 'Do not create access keys during initial setup for IAM users with a console password',
      '1.11': 'Ensure credentials unused for 45 days or more are disabled',
      '1.12': 'Ensure there is only one active access key for any single IAM user',
      '1.13': 'Ensure access keys are rotated every 90 days or less',
      '1.14': 'Ensure IAM users receive permissions only through groups',
      '1.15': 'Ensure IAM policies that allow full *:* administrative privileges are not attached',
    },
  },
  'cis-aws-v7': {
    name: 'CIS Amazon Web Services Foundations Benchmark',
    version: '7.0.0',
    url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
    controls: {
      '2.4': "Ensure no 'root' user account access key exists",
      '2.11': 'Ensure credentials unused for 45 days or more are disabled',
      '2.12': 'Ensure access keys are rotated every 90 days or less',
      '2.13': 'Ensure IAM users receive permissions only through groups',
      '2.14': 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
      '2.21': "Ensure AWS resource policies do not allow unrestricted access using 'Principal': '*'",
    },
  },
  'cis-m365': {
    name: 'CIS Microsoft 365 Foundations Benchmark',
    version: '6.0.0',
    url: 'https://www.cisecurity.org/benchmark/microsoft_365',
    controls: {
      '5.1.2.2': 'Ensure third party integrated applications are not allowed',
      '5.1.5.1': 'Ensure user consent to apps accessing company data on their behalf is not allowed',
      '5.1.5.2': 'Ensure the admin consent workflow is enabled',
      '5.3.1': "Ensure 'Privileged Identity Management' is used to manage roles",
      '5.3.3': "Ensure 'Access reviews' for privileged roles are configured",
    },
  },
  'nist-ai-rmf': {
    name: 'NIST AI Risk Management Framework',
    version: '1.0 (AI 100-1)',
    url: 'https://www.nist.gov/itl/ai-risk-management-framework',
    controls: {
      'GOVERN 1.6': 'Mechanisms are in place to inventory AI systems',
      'GOVERN 1.7': 'Processes are in place for decommissioning and phasing out AI systems safely',
      'GOVERN 2.1': 'Roles, responsibilities and lines of communication for AI risks are documented',
      'GOVERN 6.1': 'Policies address AI risks associated with third-party entities',
      'MEASURE 2.7': 'AI system security and resilience are evaluated and documented',
      'MANAGE 2.4': 'Mechanisms are in place to supersede, disengage or deactivate AI systems',
      'MANAGE 3.1': 'AI risks and benefits from third-party resources are regularly monitored',
      'MANAGE 4.1': 'Post-deployment AI system monitoring plans are implemented',
    },
  },
  'eu-ai-act': {
    name: 'EU Artificial Intelligence Act (Regulation (EU) 2024/1689)',
    version: '2024',
    url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
    controls: {
      'Art. 12': 'Record-keeping',
      'Art. 14': 'Human oversight',
      'Art. 15': 'Accuracy, robustness and cybersecurity',
      'Art. 26': 'Obligations of deployers of high-risk AI systems',
    },
  },
  'iso-42001': {
    name: 'ISO/IEC 42001 Artificial intelligence management system, Annex A',
    version: '2023',
    url: 'https://www.iso.org/standard/81230.html',
    controls: {
      'A.3.2': 'AI roles and responsibilities',
      'A.4.2': 'Resource documentation',
      'A.6.2.6': 'AI system operation and monitoring',
      'A.6.2.8': 'AI system recording of event logs',
      'A.9.2': 'Processes for responsible use of AI systems',
      'A.10.2': 'Allocating responsibilities',
      'A.10.3': 'Suppliers',
    },
  },
  'nist-800-207': {
    name: 'NIST SP 800-207 Zero Trust Architecture, tenets (2.1)',
    version: '2020',
    url: 'https://csrc.nist.gov/pubs/sp/800/207/final',
    controls: {
      'Tenet 1': 'All data sources and computing services are considered resources',
      'Tenet 3': 'Access to individual enterprise resources is granted on a per-session basis',
      'Tenet 4': 'Access to resources is determined by dynamic policy',
      'Tenet 5':
        'The enterprise monitors and measures the integrity and security posture of all owned and associated assets',
      'Tenet 6': 'All resource authentication and authorization are dynamic and strictly enforced',
      'Tenet 7':
        'The enterprise collects as much information as possible about the current state of assets, network infrastructure and communications',
    },
  },
};

/** "NHI7 Long-Lived Secrets", or the bare control id when the catalogue does not know it. */
export function controlTitle(ref: FrameworkRef): string {
  const title = FRAMEWORKS[ref.framework].controls[ref.control];
  return title ? `${ref.control} ${title}` : ref.control;
}

/** Shorthands that keep rule files readable. */
export const nhi = (n: number): FrameworkRef => ({ framework: 'owasp-nhi', control: `NHI${n}` });
export const asi = (n: number): FrameworkRef => ({
  framework: 'owasp-agentic',
  control: `ASI${String(n).padStart(2, '0')}`,
});
export const cisAws = (v5: string | null, v7: string | null): FrameworkRef[] => [
  ...(v5 ? [{ framework: 'cis-aws-v5' as const, control: v5 }] : []),
  ...(v7 ? [{ framework: 'cis-aws-v7' as const, control: v7 }] : []),
];
export const cisM365 = (control: string): FrameworkRef => ({ framework: 'cis-m365', control });
export const aiRmf = (control: string): FrameworkRef => ({ framework: 'nist-ai-rmf', control });
export const euAiAct = (article: number): FrameworkRef => ({
  framework: 'eu-ai-act',
  control: `Art. ${article}`,
});
export const iso42001 = (control: string): FrameworkRef => ({ framework: 'iso-42001', control });
export const zeroTrust = (tenet: number): FrameworkRef => ({
  framework: 'nist-800-207',
  control: `Tenet ${tenet}`,
});
