import type { NewsKind } from '../documents/news/news-item.entity';

/** A theme of the demo; `interest` lists the partners (by reference) that asked for it. */
export interface DemoTheme {
  key: string;
  title: string;
  description: string;
  tags: string[];
  proposedBy?: string;
  interest?: string[];
  archived?: boolean;
}

/** A speaker; the organisation is a partner (reference) or a name outside the network. */
export interface DemoSpeaker {
  key: string;
  name: string;
  partner?: string;
  organisationName?: string;
  /** The themes they present (references): a speaker's tags are themes. */
  themes: string[];
  feeCents: number;
  travelCentsPerKm?: number;
  address?: string;
  latitude?: number;
  longitude?: number;
  notes?: string;
}

export const DEMO_THEMES: DemoTheme[] = [
  {
    key: 'cej',
    title: 'Contrat d’engagement jeune : premiers bilans',
    description: 'Qui entre dans le dispositif, qui en sort, et vers quoi.',
    tags: ['jeunes', 'dispositifs'],
    proposedBy: 'ML Ivry-Vitry',
  },
  {
    key: 'clauses',
    title: 'Clauses sociales dans les marchés publics du Grand-Orly',
    description:
      'Les heures d’insertion des chantiers à venir et comment y orienter des candidats.',
    tags: ['clauses sociales', 'BTP'],
    proposedBy: 'PLIE Seine-Amont',
  },
  {
    key: 'rsa',
    title: 'Réforme du RSA : accompagnement et heures d’activité',
    description: 'Ce qui change pour les allocataires et pour leurs référents.',
    tags: ['RSA', 'réglementation'],
  },
  {
    key: 'mobilite',
    title: 'Mobilité : lever les freins à l’accès à l’emploi',
    description: 'Permis, location solidaire, horaires décalés : les solutions du territoire.',
    tags: ['mobilité'],
    proposedBy: 'AIIPS 94',
  },
  {
    key: 'forum',
    title: 'Bilan du forum de l’emploi de Vitry',
    description: 'Fréquentation, recrutements, ce qu’on garde pour l’an prochain.',
    tags: ['événement'],
    proposedBy: 'Ville de Vitry',
  },
  {
    key: 'logistique',
    title: 'Recrutements de la logistique aéroportuaire',
    description: 'Les métiers qui recrutent autour d’Orly et les formations courtes qui y mènent.',
    tags: ['logistique', 'recrutement'],
    proposedBy: 'IFML',
    interest: ['France Travail Choisy', 'ML Orly-Choisy', 'Tremplin Intérim'],
  },
  {
    key: 'sante',
    title: 'Santé mentale et insertion professionnelle',
    description: 'Repérer, orienter, accompagner sans se substituer au soin.',
    tags: ['santé'],
    proposedBy: 'CCAS Ivry',
    interest: ['AIIPS 94', 'Femmes relais Seine-Amont', 'EDS Choisy'],
  },
  {
    key: 'illettrisme',
    title: 'Illettrisme et numérique : repérer, orienter',
    description: 'Des outils simples pour les conseillers et les structures d’insertion.',
    tags: ['savoirs de base', 'numérique'],
    proposedBy: 'ASL Vitry',
    interest: ['ML Ivry-Vitry', 'La Recyclerie', 'Régie Ivry', 'GRETA 94', 'CCAS Vitry'],
  },
  {
    key: 'garde',
    title: 'Garde d’enfants pour les parents en parcours d’insertion',
    description: 'Crèches à vocation d’insertion professionnelle, places réservées, horaires.',
    tags: ['parentalité'],
    proposedBy: 'Femmes relais Seine-Amont',
    interest: ['CCAS Vitry', 'EDS Choisy', 'France Travail Vitry'],
  },
  {
    key: 'refugies',
    title: 'Accès à l’emploi des personnes réfugiées',
    description: 'Reconnaissance des diplômes, français professionnel, premiers contrats.',
    tags: ['public', 'langue'],
    interest: ['GRETA 94'],
  },
  {
    key: 'annuaire',
    title: 'Annuaire papier des partenaires',
    description: 'Remplacé par l’annuaire en ligne de Maillage.',
    tags: ['réseau'],
    archived: true,
  },
];

export const DEMO_SPEAKERS: DemoSpeaker[] = [
  {
    key: 'rouvier',
    name: 'Hélène Rouvier',
    organisationName: 'Cabinet Rouvier, droit public',
    themes: ['clauses'],
    feeCents: 25_000,
    address: '18 rue de la Roquette, 75011 Paris',
    latitude: 48.8551,
    longitude: 2.3724,
  },
  {
    key: 'poulain',
    name: 'Agnès Poulain',
    partner: 'France Travail Vitry',
    themes: ['rsa'],
    feeCents: 0,
    notes: 'Intervient sur demande à la direction de l’agence.',
  },
  {
    key: 'castel',
    name: 'Jérôme Castel',
    partner: 'Plateforme mobilité',
    themes: ['mobilite'],
    feeCents: 0,
    address: '10 rue de la Gare, 94600 Choisy-le-Roi',
    latitude: 48.7654,
    longitude: 2.4076,
  },
  {
    key: 'haddouche',
    name: 'Farid Haddouche',
    partner: 'IFML',
    themes: ['logistique'],
    feeCents: 0,
    address: '4 rue du Pont-des-Halles, 94150 Rungis',
    latitude: 48.7483,
    longitude: 2.3571,
  },
  {
    key: 'weber',
    name: 'Nathalie Weber',
    organisationName: 'Réseau santé mentale et emploi des Hauts-de-France',
    themes: ['sante'],
    feeCents: 40_000,
    travelCentsPerKm: 42,
    address: '2 avenue Oscar-Lambret, 59000 Lille',
    latitude: 50.6108,
    longitude: 3.0335,
    notes: 'Psychiatre ; vient en train, prévoir l’accueil à la gare.',
  },
  {
    key: 'ferrand',
    name: 'Paul Ferrand',
    organisationName: 'Consultant indépendant en illettrisme',
    themes: ['illettrisme'],
    feeCents: 15_000,
  },
];

export interface DemoNews {
  title: string;
  body: string;
  kind: NewsKind;
  /** Days from today (negative: past). */
  day: number;
  link?: string;
}

export const DEMO_NEWS: DemoNews[] = [
  {
    title: 'Loi pour le plein emploi : inscription des allocataires du RSA à France Travail',
    body: 'Les allocataires du RSA et les jeunes accompagnés sont inscrits à France Travail ; un contrat d’engagement fixe leurs droits et devoirs.',
    kind: 'regulation',
    day: -40,
  },
  {
    title: 'Ouverture d’un espace France services à Orly',
    body: 'Un accueil pour les démarches administratives, avec des permanences de la mission locale le mardi.',
    kind: 'local-news',
    day: -24,
  },
  {
    title: 'Job dating logistique à la zone Senia',
    body: '45 postes de préparateurs de commandes et de caristes ; candidatures orientées par les partenaires.',
    kind: 'event',
    day: -10,
  },
  {
    title: 'Appel à projets départemental « Mobilité et emploi »',
    body: 'Dossiers attendus avant la fin du mois prochain ; la plateforme mobilité accompagne les candidats.',
    kind: 'regulation',
    day: -6,
    link: 'https://www.departement94.example.org/appels-a-projets',
  },
  {
    title: 'Forum de l’emploi de Choisy-le-Roi',
    body: 'Une soixantaine d’employeurs attendus à la salle des fêtes ; stand commun du réseau.',
    kind: 'event',
    day: 18,
  },
];
