import type { CreateContactDto } from './create-contact.dto';
import type { CreatePartnerDto } from './create-partner.dto';

export interface DemoPartner extends CreatePartnerDto {
  contacts: CreateContactDto[];
}

/**
 * A realistic cross-border network around Comines-Warneton, Lille, Roubaix and Carvin, for demos
 * and trying the app out. Organisations are modelled on the usual kinds; people are fictional and
 * their addresses use the reserved `.example` domain, so no real mailbox ever receives anything.
 * Other features extend the demo (meetings, projects...) in their own files.
 */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    name: 'Agence de développement local de Comines-Warneton',
    shortName: 'ADL Comines-Warneton',
    kind: 'agency',
    territory: 'Comines-Warneton',
    address: 'Rue de Warneton 1',
    postcode: '7780',
    latitude: 50.7668,
    longitude: 3.0036,
    website: 'https://adl-comines-warneton.example',
    email: 'info@adl-comines-warneton.example',
    phone: '+32 56 00 10 10',
    services:
      'Coordination du réseau emploi-insertion, plateforme des partenaires, soutien aux projets locaux',
    description:
      'Anime la coordination transfrontalière des acteurs de l’emploi et de l’insertion.',
    contacts: [
      {
        fullName: 'Sophie Vandenbussche',
        jobTitle: 'Coordinatrice',
        email: 'sophie.vandenbussche@adl-comines-warneton.example',
        phone: '+32 56 00 10 11',
        newsletterConsent: true,
      },
      {
        fullName: 'Julien Delporte',
        jobTitle: 'Agent de développement',
        email: 'julien.delporte@adl-comines-warneton.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'Maison de l’emploi de Comines-Warneton',
    shortName: 'MDE Comines',
    kind: 'maison-emploi',
    territory: 'Comines-Warneton',
    address: 'Rue du Faubourg 12',
    postcode: '7780',
    latitude: 50.7649,
    longitude: 3.0071,
    email: 'mde.comines@mde.example',
    phone: '+32 56 00 20 20',
    services:
      'Accueil des demandeurs d’emploi, offres d’emploi, ateliers CV et lettre de motivation',
    contacts: [
      {
        fullName: 'Nathalie Lefebvre',
        jobTitle: 'Conseillère emploi',
        email: 'nathalie.lefebvre@mde.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Karim Benali',
        jobTitle: 'Animateur',
        email: 'karim.benali@mde.example',
        receivesMinutes: false,
      },
    ],
  },
  {
    name: 'Le Forem — Direction régionale de Mouscron',
    shortName: 'Forem Mouscron',
    kind: 'public-employment-service',
    territory: 'Mouscron',
    address: 'Rue de Tourcoing 95',
    postcode: '7700',
    latitude: 50.7431,
    longitude: 3.2098,
    website: 'https://www.leforem.example',
    phone: '+32 56 00 30 30',
    services:
      'Inscription, accompagnement, formation professionnelle, aides à l’emploi en Wallonie',
    contacts: [
      {
        fullName: 'Isabelle Duquesne',
        jobTitle: 'Responsable de site',
        email: 'isabelle.duquesne@forem.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Marc Vanhoutte',
        jobTitle: 'Conseiller référent',
        email: 'marc.vanhoutte@forem.example',
      },
      {
        fullName: 'Élodie Carpentier',
        jobTitle: 'Chargée de relations entreprises',
        email: 'elodie.carpentier@forem.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'VDAB Ieper',
    kind: 'public-employment-service',
    territory: 'Ieper',
    address: 'Arsenaalstraat 4',
    postcode: '8900',
    latitude: 50.8476,
    longitude: 2.8801,
    website: 'https://www.vdab.example',
    services: 'Vlaamse dienst voor arbeidsbemiddeling: bemiddeling, opleidingen, grensarbeid',
    contacts: [
      {
        fullName: 'Pieter Vandamme',
        jobTitle: 'Grensarbeid consulent',
        email: 'pieter.vandamme@vdab.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'France Travail Roubaix Grand-Place',
    shortName: 'France Travail Roubaix',
    kind: 'public-employment-service',
    territory: 'Roubaix',
    address: '26 rue du Grand Chemin',
    postcode: '59100',
    latitude: 50.6903,
    longitude: 3.1774,
    website: 'https://www.francetravail.example',
    services: 'Inscription, indemnisation, accompagnement intensif des jeunes, recrutement',
    contacts: [
      {
        fullName: 'Céline Desmet',
        jobTitle: 'Directrice d’agence',
        email: 'celine.desmet@francetravail.example',
      },
      {
        fullName: 'Thomas Lemaire',
        jobTitle: 'Conseiller entreprises',
        email: 'thomas.lemaire@francetravail.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'France Travail Carvin',
    kind: 'public-employment-service',
    territory: 'Carvin',
    address: '5 rue Jean Jaurès',
    postcode: '62220',
    latitude: 50.4936,
    longitude: 2.9573,
    services: 'Inscription, accompagnement, prestations, rencontres employeurs du bassin minier',
    contacts: [
      {
        fullName: 'Sandrine Wallart',
        jobTitle: 'Conseillère emploi',
        email: 'sandrine.wallart@francetravail.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'Mission locale de Roubaix',
    shortName: 'ML Roubaix',
    kind: 'mission-locale',
    territory: 'Roubaix',
    address: '41 boulevard du Général Leclerc',
    postcode: '59100',
    latitude: 50.6886,
    longitude: 3.1712,
    email: 'accueil@ml-roubaix.example',
    phone: '+33 3 20 00 40 40',
    services:
      'Accompagnement des 16-25 ans : emploi, formation, logement, santé, Contrat d’engagement jeune',
    contacts: [
      {
        fullName: 'Aurélie Bouchart',
        jobTitle: 'Conseillère en insertion',
        email: 'aurelie.bouchart@ml-roubaix.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Yacine Haddad',
        jobTitle: 'Référent CEJ',
        email: 'yacine.haddad@ml-roubaix.example',
      },
    ],
  },
  {
    name: 'Mission locale Hénin-Carvin',
    kind: 'mission-locale',
    territory: 'Carvin',
    address: '12 place du Général de Gaulle',
    postcode: '62220',
    latitude: 50.4921,
    longitude: 2.9602,
    services: 'Accueil et accompagnement des jeunes, mobilité, garantie jeunes',
    contacts: [
      {
        fullName: 'Manon Dufour',
        jobTitle: 'Chargée de projet mobilité',
        email: 'manon.dufour@ml-henin-carvin.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Kevin Lambert',
        jobTitle: 'Conseiller',
        email: 'kevin.lambert@ml-henin-carvin.example',
      },
    ],
  },
  {
    name: 'Maison de l’emploi Lille Lomme Hellemmes',
    shortName: 'MDE Lille',
    kind: 'maison-emploi',
    territory: 'Lille',
    address: '95 rue Pierre Mauroy',
    postcode: '59000',
    latitude: 50.6355,
    longitude: 3.0669,
    services: 'Observatoire de l’emploi, clauses sociales, forums de recrutement',
    contacts: [
      {
        fullName: 'Virginie Masson',
        jobTitle: 'Facilitatrice clauses sociales',
        email: 'virginie.masson@mde-lille.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Olivier Deleplanque',
        jobTitle: 'Chargé de mission',
        email: 'olivier.deleplanque@mde-lille.example',
      },
    ],
  },
  {
    name: 'PLIE Lille Métropole',
    shortName: 'PLIE',
    kind: 'plie',
    territory: 'Lille',
    address: '2 rue de Tenremonde',
    postcode: '59000',
    latitude: 50.6389,
    longitude: 3.0606,
    services: 'Parcours renforcés vers l’emploi durable pour les publics éloignés de l’emploi',
    contacts: [
      {
        fullName: 'Laurence Caron',
        jobTitle: 'Référente de parcours',
        email: 'laurence.caron@plie.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'CISP Atelier Horizon',
    kind: 'training-centre',
    territory: 'Comines-Warneton',
    address: 'Rue de Ten Brielen 30',
    postcode: '7780',
    latitude: 50.7702,
    longitude: 2.9982,
    services:
      'Formation en maraîchage et en rénovation du bâtiment, remise à niveau, équipe de chantier',
    contacts: [
      {
        fullName: 'Benoît Dewulf',
        jobTitle: 'Directeur',
        email: 'benoit.dewulf@atelier-horizon.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Chloé Verhaeghe',
        jobTitle: 'Formatrice',
        email: 'chloe.verhaeghe@atelier-horizon.example',
      },
    ],
  },
  {
    name: 'MIRE Wallonie picarde',
    shortName: 'MIRE Wapi',
    kind: 'mire',
    territory: 'Mouscron',
    address: 'Rue du Blanc Pignon 2',
    postcode: '7700',
    latitude: 50.7399,
    longitude: 3.2187,
    services: 'Insertion durable des demandeurs d’emploi, job coaching, suivi post-embauche',
    contacts: [
      {
        fullName: 'Damien Hennebert',
        jobTitle: 'Job coach',
        email: 'damien.hennebert@mire-wapi.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'CPAS de Comines-Warneton',
    kind: 'social-services',
    territory: 'Comines-Warneton',
    address: 'Rue de Wervicq 40',
    postcode: '7780',
    latitude: 50.7638,
    longitude: 3.0122,
    services: 'Revenu d’intégration, article 60, service d’insertion socioprofessionnelle',
    contacts: [
      {
        fullName: 'Anne-Sophie Debaere',
        jobTitle: 'Assistante sociale, cellule insertion',
        email: 'as.debaere@cpas-comines.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Grégory Lagae',
        jobTitle: 'Président du CPAS',
        email: 'gregory.lagae@cpas-comines.example',
      },
    ],
  },
  {
    name: 'CCAS de Roubaix',
    kind: 'social-services',
    territory: 'Roubaix',
    address: '17 rue Pierre Motte',
    postcode: '59100',
    latitude: 50.6925,
    longitude: 3.1736,
    services: 'Action sociale, domiciliation, accompagnement des bénéficiaires du RSA',
    contacts: [
      {
        fullName: 'Fatima Ouali',
        jobTitle: 'Référente RSA',
        email: 'fatima.ouali@ccas-roubaix.example',
      },
    ],
  },
  {
    name: 'Régie de quartier Roubaix Est',
    kind: 'social-economy',
    territory: 'Roubaix',
    address: '8 rue de Lannoy',
    postcode: '59100',
    latitude: 50.6858,
    longitude: 3.1905,
    services: 'Chantiers d’insertion : entretien des espaces verts, propreté, petits travaux',
    contacts: [
      {
        fullName: 'Jean-Marc Delattre',
        jobTitle: 'Encadrant technique',
        email: 'jm.delattre@regie-roubaix-est.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Samira Kaci',
        jobTitle: 'Accompagnatrice socioprofessionnelle',
        email: 'samira.kaci@regie-roubaix-est.example',
      },
    ],
  },
  {
    name: 'Ressourcerie du Bassin minier',
    kind: 'social-economy',
    territory: 'Carvin',
    address: '210 rue de Libercourt',
    postcode: '62220',
    latitude: 50.4877,
    longitude: 2.9741,
    services: 'Entreprise d’insertion : collecte, réemploi, vente solidaire, logistique',
    contacts: [
      {
        fullName: 'Cédric Nowak',
        jobTitle: 'Gérant',
        email: 'cedric.nowak@ressourcerie-bm.example',
        newsletterConsent: true,
      },
      {
        fullName: 'Laetitia Kowalski',
        jobTitle: 'Chargée d’insertion',
        email: 'laetitia.kowalski@ressourcerie-bm.example',
      },
    ],
  },
  {
    name: 'Ville de Comines-Warneton',
    kind: 'municipality',
    territory: 'Comines-Warneton',
    address: 'Place Sainte-Anne 21',
    postcode: '7780',
    latitude: 50.7661,
    longitude: 3.0051,
    website: 'https://www.villedecomines-warneton.example',
    services: 'Échevinat de l’emploi et de l’économie, plan de cohésion sociale',
    contacts: [
      {
        fullName: 'Philippe Vanneste',
        jobTitle: 'Échevin de l’emploi',
        email: 'philippe.vanneste@comines-warneton.example',
      },
      {
        fullName: 'Caroline Devos',
        jobTitle: 'Cheffe de projet PCS',
        email: 'caroline.devos@comines-warneton.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'Ville de Carvin',
    kind: 'municipality',
    territory: 'Carvin',
    address: 'Place Jean Jaurès',
    postcode: '62220',
    latitude: 50.4947,
    longitude: 2.9589,
    services: 'Service développement économique et emploi, politique de la ville',
    contacts: [
      {
        fullName: 'Stéphane Leclercq',
        jobTitle: 'Chargé de développement économique',
        email: 'stephane.leclercq@ville-carvin.example',
      },
    ],
  },
  {
    name: 'Équipe Emploi Jeunes Lille-Sud',
    shortName: 'EEJ',
    kind: 'association',
    territory: 'Lille',
    address: '14 rue de Marquillies',
    postcode: '59000',
    latitude: 50.6187,
    longitude: 3.0505,
    services: 'Prévention spécialisée, chantiers éducatifs, mobilisation vers l’emploi',
    contacts: [
      {
        fullName: 'Hugo Declercq',
        jobTitle: 'Éducateur spécialisé',
        email: 'hugo.declercq@eej-lille.example',
        newsletterConsent: true,
      },
      { fullName: 'Amina Diallo', jobTitle: 'Animatrice', email: 'amina.diallo@eej-lille.example' },
    ],
  },
  {
    name: 'Lire et Écrire Wallonie picarde',
    kind: 'association',
    territory: 'Mouscron',
    address: 'Rue de la Station 3',
    postcode: '7700',
    latitude: 50.7447,
    longitude: 3.2061,
    services: 'Alphabétisation des adultes, français langue étrangère, remise à niveau',
    contacts: [
      {
        fullName: 'Monique Vercruysse',
        jobTitle: 'Formatrice en alphabétisation',
        email: 'monique.vercruysse@lee-wapi.example',
        newsletterConsent: true,
      },
    ],
  },
  {
    name: 'Transports Vandewalle',
    kind: 'company',
    territory: 'Halluin',
    address: 'Zone industrielle de la Lys, 3 rue des Transporteurs',
    postcode: '59250',
    latitude: 50.7823,
    longitude: 3.1301,
    services:
      'Transport et logistique transfrontaliers : recrutement de chauffeurs et préparateurs',
    contacts: [
      {
        fullName: 'Bruno Vandewalle',
        jobTitle: 'Directeur des ressources humaines',
        email: 'bruno.vandewalle@transports-vandewalle.example',
      },
      { fullName: 'Émilie Leroy', jobTitle: 'Responsable recrutement', phone: '+33 3 20 00 50 50' },
    ],
  },
];
