import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';

/**
 * Whose name heads every PDF and signs the certificates: AGENCY_NAME (or ORGANIZER_NAME) when the
 * deployment sets one; otherwise the directory's own agency (the partner of kind "Notre agence"),
 * so that an agency that never set the variable does not file "L’agence Maillage" with its
 * funder. The directory sits above this kit (partners), which hands its lookup over at start.
 */
@Injectable()
export class OwnAgency {
  private lookup?: () => Promise<string | undefined>;

  constructor(private readonly config: AppConfig) {}

  /** Called once by the directory's module. */
  readFrom(lookup: () => Promise<string | undefined>): void {
    this.lookup = lookup;
  }

  async name(): Promise<string> {
    if (this.config.agencyNameSet || !this.lookup) return this.config.agencyName;
    return (await this.lookup()) ?? this.config.agencyName;
  }
}
