import { registerValueLabels } from '../i18n/value-labels';

/** Kinds of partner organisation met in the field (see DESIGN.md). */
export const PARTNER_KINDS = [
  'public-employment-service',
  'mission-locale',
  'maison-emploi',
  'plie',
  'training-centre',
  'mire',
  'social-services',
  'social-economy',
  'company',
  'municipality',
  'association',
  'agency',
  'other',
] as const;

export type PartnerKind = (typeof PARTNER_KINDS)[number];
registerValueLabels(PARTNER_KINDS, 'partnersPages.kind');
