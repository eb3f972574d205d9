import { LOCAL_PARTNERS } from './demo-partners-local';
import { SERVICE_PARTNERS } from './demo-partners-services';
import type { DemoPartner } from './demo-people';

/**
 * A fictional partner network of a French employment agency in Seine-Amont (Val-de-Marne): the
 * public employment service, missions locales, the PLIE, social services, insertion enterprises,
 * training centres, towns, associations, chambers and employers. Organisations follow the kinds
 * met in the field; people are invented. The first entry is the agency itself.
 */
export const DEMO_PARTNERS: DemoPartner[] = [...SERVICE_PARTNERS, ...LOCAL_PARTNERS];
