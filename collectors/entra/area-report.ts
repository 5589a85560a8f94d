/** What one transform step read and missed for one area; the transform turns it into a coverage row. */
import type { CoverageStatus } from '../../model/inventory';

export interface AreaReport {
  /** Short area name, e.g. `servicePrincipals`; prefixed with `entra:<tenant>:` in coverage. */
  area: string;
  status: CoverageStatus;
  itemCount: number;
  message?: string;
}
