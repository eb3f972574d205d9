import type { Translator } from '../i18n/messages';
import { foldLabel } from './import/import-headers';
import { PARTNER_KINDS, type PartnerKind } from './partner-kind';

/**
 * Other names of the kinds in French and Belgian lists, besides the pages' labels
 * (partnersPages.kind.* in templates/i18n, French and English) and the slugs: the structures of
 * insertion (ACI, AI, ETTI, EI, GEIQ, EA), of training (GRETA, AFPA, CFA, E2C, EPIDE) and the
 * local authorities (département, région, intercommunalités) under the nearest kind. Folded
 * like headers.
 */
const SYNONYMS: Record<string, PartnerKind> = {
  'france travail': 'public-employment-service',
  'pole emploi': 'public-employment-service',
  'service public de l emploi': 'public-employment-service',
  spe: 'public-employment-service',
  forem: 'public-employment-service',
  vdab: 'public-employment-service',
  actiris: 'public-employment-service',
  'cap emploi': 'public-employment-service',
  ml: 'mission-locale',
  'maison de l emploi': 'maison-emploi',
  mde: 'maison-emploi',
  'centre de formation': 'training-centre',
  'organisme de formation': 'training-centre',
  of: 'training-centre',
  cisp: 'training-centre',
  greta: 'training-centre',
  afpa: 'training-centre',
  cfa: 'training-centre',
  'centre de formation d apprentis': 'training-centre',
  e2c: 'training-centre',
  'ecole de la deuxieme chance': 'training-centre',
  'ecole de la 2e chance': 'training-centre',
  epide: 'training-centre',
  ccas: 'social-services',
  cias: 'social-services',
  cpas: 'social-services',
  'services sociaux': 'social-services',
  'action sociale': 'social-services',
  caf: 'social-services',
  cpam: 'social-services',
  siae: 'social-economy',
  'structure d insertion': 'social-economy',
  'structure d insertion par l activite economique': 'social-economy',
  iae: 'social-economy',
  'entreprise d insertion': 'social-economy',
  'regie de quartier': 'social-economy',
  aci: 'social-economy',
  'atelier chantier d insertion': 'social-economy',
  'chantier d insertion': 'social-economy',
  ai: 'social-economy',
  'association intermediaire': 'social-economy',
  etti: 'social-economy',
  'entreprise de travail temporaire d insertion': 'social-economy',
  ei: 'social-economy',
  geiq: 'social-economy',
  ea: 'social-economy',
  'entreprise adaptee': 'social-economy',
  esat: 'social-economy',
  ess: 'social-economy',
  mairie: 'municipality',
  ville: 'municipality',
  collectivite: 'municipality',
  epci: 'municipality',
  'conseil departemental': 'municipality',
  departement: 'municipality',
  'conseil regional': 'municipality',
  region: 'municipality',
  'communaute de communes': 'municipality',
  'communaute d agglomeration': 'municipality',
  agglomeration: 'municipality',
  metropole: 'municipality',
  intercommunalite: 'municipality',
  'centre social': 'association',
  'maison de quartier': 'association',
  asso: 'association',
  agence: 'agency',
  // The pages' earlier labels, as older exports wrote them.
  'centre de formation cisp': 'training-centre',
  'cpas services sociaux': 'social-services',
  'agence nous': 'agency',
  'training centre cisp': 'training-centre',
  'cpas social services': 'social-services',
  'agency us': 'agency',
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
