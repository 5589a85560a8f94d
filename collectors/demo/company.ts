/**
 * Northwind Robotics, the fictional company behind the demo tenant: its teams, services,
 * repositories, people and suppliers. Supplier names are Microsoft's own fictional companies.
 */

export const COMPANY = 'Northwind Robotics';
export const TENANT_DOMAIN = 'northwindrobotics.onmicrosoft.com';
export const MAIL_DOMAIN = 'northwindrobotics.com';
export const GITHUB_ORG = 'northwind';

/** Business units; extra AWS accounts at large sizes are named after them. */
export const UNITS = [
  'fleet',
  'telemetry',
  'data-platform',
  'ml-research',
  'manufacturing',
  'ecommerce',
  'field-service',
  'supply-chain',
  'firmware',
  'analytics',
  'payments',
  'customer-portal',
  'warehouse',
  'simulation',
] as const;

/** Service name fragments for bulk workloads: `${unit}-${service}`. */
export const SERVICES = [
  'orders',
  'inventory',
  'dispatch',
  'routing',
  'billing',
  'invoices',
  'telemetry-ingest',
  'firmware-updates',
  'maps',
  'pricing',
  'catalog',
  'search',
  'notifications',
  'reports',
  'audit-log',
  'device-registry',
  'sensor-feed',
  'parts',
  'returns',
  'warranty',
  'scheduler',
  'forecast',
  'quality',
  'calibration',
  'diagnostics',
  'work-orders',
  'shipments',
  'identity-sync',
  'etl',
  'exports',
] as const;

export const REPOS = [
  'app',
  'infra',
  'fleet-api',
  'telemetry-pipeline',
  'robot-firmware',
  'customer-portal',
  'data-lake',
  'ml-models',
  'docs-site',
  'mobile-app',
  'warehouse-sim',
  'legacy-portal',
] as const;

export const ENVIRONMENTS = ['prod', 'staging', 'dev', 'qa'] as const;

export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

export const FIRST_NAMES = [
  'Avery',
  'Priya',
  'Jonas',
  'Mei',
  'Carlos',
  'Fatima',
  'Liam',
  'Ingrid',
  'Kwame',
  'Sofia',
  'Dmitri',
  'Aisha',
  'Noah',
  'Hana',
  'Mateo',
  'Olivia',
  'Ravi',
  'Elena',
  'Tomasz',
  'Yuki',
  'Grace',
  'Omar',
  'Lucia',
  'Ethan',
  'Nadia',
  'Samuel',
  'Chloe',
  'Arjun',
  'Freya',
  'Diego',
] as const;

export const LAST_NAMES = [
  'Chen',
  'Patel',
  'Okafor',
  'Lindqvist',
  'Garcia',
  'Haddad',
  'Murphy',
  'Nakamura',
  'Kowalski',
  'Rossi',
  'Ivanova',
  'Mensah',
  'Schmidt',
  'Silva',
  'Nguyen',
  'Brennan',
  'Dubois',
  'Singh',
  'Andersen',
  'Costa',
  'Fischer',
  'Yamamoto',
  'Hughes',
  'Novak',
  'Reyes',
] as const;

export const JOB_TITLES = [
  'Platform Engineer',
  'Site Reliability Engineer',
  'Data Engineer',
  'ML Engineer',
  'Security Engineer',
  'IT Administrator',
  'Solutions Architect',
  'Engineering Manager',
  'DevOps Engineer',
  'Identity Administrator',
  'Software Engineer',
  'Product Owner',
] as const;

export const OFFICES = ['Seattle HQ', 'Austin Plant', 'Rotterdam Hub', 'Remote'] as const;

/** Other companies whose multi-tenant apps are consented in the tenant. */
export const SUPPLIERS = [
  'Contoso',
  'Fabrikam',
  'Tailspin Toys',
  'Litware',
  'Adventure Works',
  'Wingtip Toys',
  'Woodgrove Bank',
  'Proseware',
  'Lucerne Publishing',
  'Alpine Ski House',
  'Trey Research',
  'Fourth Coffee',
  'Wide World Importers',
  'Relecloud',
  'VanArsdel',
  'Adatum',
  'Humongous Insurance',
  'Coho Vineyard',
] as const;

export const SAAS_PRODUCTS = [
  'Expense Sync',
  'HR Connector',
  'Mail Archiver',
  'Backup Cloud',
  'Meeting Notes AI',
  'Survey Hub',
  'E-Sign',
  'Ticket Bridge',
  'Analytics Connector',
  'Calendar Scheduler',
  'Contract AI',
  'Learning Portal',
  'Travel Desk',
  'Sales Intelligence',
  'Document Search',
  'Chat Assistant',
] as const;

/** Bedrock foundation models the demo agents use. */
export const FOUNDATION_MODELS = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.titan-embed-text-v2:0',
  'meta.llama3-1-70b-instruct-v1:0',
] as const;
