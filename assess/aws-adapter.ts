import type { Inventory } from '../model/inventory';
import { emptyAwsView, type AwsPrivilegeView } from './aws-view';

// INTERIM until assess/aws exports analyzeAwsPrivilege: replaced before hand-off.
export function awsPrivilegeView(_inventory: Inventory): AwsPrivilegeView {
  return emptyAwsView();
}
