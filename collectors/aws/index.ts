/** The AWS collector's public surface: raw schemas, the pure transform and the offline readers. */
export { transformAwsAccount, accountOfRaw, type AwsTransformContext } from './transform';
export {
  readAwsAccountDir,
  readAwsImportDir,
  readAwsFiles,
  readAwsAuthDetailsFile,
  readAwsCredentialReportFile,
  type AwsAccountImport,
} from './read-files';
export { awsImportSource, transformAwsImport } from './import-source';
export { parseCredentialReportCsv, parseCredentialReportContent } from './credential-report';
export { decodePolicyDocument } from './policy-document';
export { MAX_INPUT_FILE_BYTES } from '../import/text-file';
export * from './raw-schemas';
