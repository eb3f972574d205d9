import type { Translator } from '../i18n/messages';
import { foldLabel } from './import/import-headers';
import { PARTNER_KINDS, type PartnerKind } from './partner-kind';

/**
 * Other names of the kinds in French lists, besides the pages' labels (partnersPages.kind.* in
 * templates/i18n, French and English) and the slugs. Folded like headers.
 */
const SYNONYMS: Record<string, PartnerKind> = {
  'france travail': 'public-employment-service',
  'pole emploi': 'public-employment-service',
  'service public de l emploi': 'public-employment-service',
  spe: 'public-employment-service',
  forem: 'public-employment-service',
  vdab: 'public-employment-service',
  actiris: 'public-employment-service',
  ml: 'mission-locale',
  'maison de l emploi': 'maison-emploi',
  mde: 'maison-emploi',
  'centre de formation': 'training-centre',
  'organisme de formation': 'training-centre',
  of: 'training-centre',
  cisp: 'training-centre',
  ccas: 'social-services',
  cias: 'social-services',
  cpas: 'social-services',
  'services sociaux': 'social-services',
  'action sociale': 'social-services',
  siae: 'social-economy',
  'structure d insertion': 'social-economy',
  'structure d insertion par l activite economique': 'social-economy',
  iae: 'social-economy',
  'entreprise d insertion': 'social-economy',
  'regie de quartier': 'social-economy',
  ess: 'social-economy',
  mairie: 'municipality',
  ville: 'municipality',
  collectivite: 'municipality',
  epci: 'municipality',
  asso: 'association',
  agence: 'agency',
};

/**
 * The kinds as people write them: the export writes the French label, the import takes the
 * labels (French or English), the slugs and the synonyms above, any case or accents.
 */
export class PartnerKindLabels {
  private readonly byName = new Map<string, PartnerKind>();
  private readonly french: Map<PartnerKind, string>;

  constructor(translator: Translator) {
    const label = (locale: 'fr' | 'en', kind: string) =>
      translator.translate(locale, `partnersPages.kind.${kind}`);
    this.french = new Map(PARTNER_KINDS.map((kind) => [kind, label('fr', kind)]));
    for (const [name, kind] of Object.entries(SYNONYMS)) this.byName.set(foldLabel(name), kind);
    for (const kind of PARTNER_KINDS) {
      for (const name of [kind, label('en', kind), label('fr', kind)]) {
        this.byName.set(foldLabel(name), kind);
      }
    }
  }

  /** The French label the export writes. */
  label(kind: string): string {
    return this.french.get(kind as PartnerKind) ?? kind;
  }

  /** The kind a cell names, or undefined. */
  kindOf(text: string): PartnerKind | undefined {
    return this.byName.get(foldLabel(text));
  }

  /** The labels a refused cell lists. */
  labels(): string[] {
    return [...this.french.values()];
  }
}
