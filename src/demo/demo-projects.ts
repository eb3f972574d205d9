import type { ProjectStatus } from '../projects/project-status';

/** A follow-up `day` days from today (negative), by staff or, `viaLink`, by the lead's contact. */
export interface DemoFollowUp {
  day: number;
  text: string;
  status?: ProjectStatus;
  nextStep?: string;
  /** Days after the follow-up. */
  nextStepIn?: number;
  viaLink?: boolean;
}

/**
 * A project born at a meeting (the day after it), led by a partner (reference). The follow-ups
 * and cadences are chosen so that, loaded today, the projects show every follow-up state:
 * `expected` says which (checked by the tests).
 */
export interface DemoProject {
  title: string;
  description: string;
  expectedOutcomes?: string;
  meeting: string;
  /** The agenda item it comes from, by title. */
  agendaItem?: string;
  theme?: string;
  lead: string;
  participants: [string, string][];
  status: 'idea' | 'launched' | 'active';
  cadenceDays: number;
  followUps: DemoFollowUp[];
  snooze?: { day: number; untilDay: number; reason: string };
  expected: 'on-track' | 'due-soon' | 'overdue' | 'stale' | 'snoozed' | 'never' | ProjectStatus;
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    title: 'Parrainage de jeunes par des chefs d’entreprise',
    description: 'Des dirigeants du territoire parrainent des jeunes suivis par la mission locale.',
    expectedOutcomes: '30 binômes la première année',
    meeting: 'comite-2',
    agendaItem: 'Parrainage de jeunes par des chefs d’entreprise',
    lead: 'ML Ivry-Vitry',
    participants: [
      ['CCI 94', 'Recherche des parrains'],
      ['CMA 94', 'Parrains artisans'],
    ],
    status: 'launched',
    cadenceDays: 30,
    followUps: [
      {
        day: -40,
        text: 'Douze chefs d’entreprise ont accepté de parrainer ; charte signée.',
        status: 'active',
      },
      {
        day: -12,
        text: 'Neuf binômes formés, première rencontre collective le mois prochain.',
        nextStep: 'Organiser la rencontre des parrains et des filleuls',
        nextStepIn: 20,
        viaLink: true,
      },
    ],
    expected: 'on-track',
  },
  {
    title: 'Job dating logistique avec l’IFML',
    description: 'Rencontre entre employeurs de la logistique et candidats formés au CACES.',
    meeting: 'comite-1',
    agendaItem: 'Contrat d’engagement jeune : premiers bilans',
    theme: 'cej',
    lead: 'IFML',
    participants: [
      ['France Travail Choisy', 'Sourcing des candidats'],
      ['ML Orly-Choisy', 'Candidats jeunes'],
      ['Tremplin Intérim', 'Missions d’intérim'],
    ],
    status: 'launched',
    cadenceDays: 60,
    followUps: [
      {
        day: -50,
        text: 'Date fixée, huit entreprises inscrites.',
        nextStep: 'Envoyer la liste des candidats',
        nextStepIn: 30,
      },
    ],
    expected: 'due-soon',
  },
  {
    title: 'Vivier de candidats pour les clauses sociales du tramway',
    description: 'Repérer et préparer les candidats aux heures d’insertion des futurs chantiers.',
    meeting: 'comite-2',
    agendaItem: 'Clauses sociales des chantiers du tramway',
    theme: 'clauses',
    lead: 'PLIE Seine-Amont',
    participants: [
      ['ML Ivry-Vitry', 'Orientation de jeunes'],
      ['GEIQ BTP 94', 'Contrats de professionnalisation'],
      ['Tremplin Intérim', 'Mise à l’emploi'],
    ],
    status: 'launched',
    cadenceDays: 30,
    followUps: [{ day: -40, text: 'Réunion d’information des prescripteurs : 22 candidats.' }],
    expected: 'overdue',
  },
  {
    title: 'Permanence emploi au CCAS d’Ivry',
    description: 'Une demi-journée par semaine d’un conseiller emploi dans les locaux du CCAS.',
    meeting: 'comite-1',
    lead: 'CCAS Ivry',
    participants: [['France Travail Vitry', 'Conseiller détaché']],
    status: 'active',
    cadenceDays: 30,
    followUps: [{ day: -75, text: 'Première permanence tenue, six personnes reçues.' }],
    expected: 'stale',
  },
  {
    title: 'Atelier code de la route solidaire',
    description: 'Préparation au code pour les personnes en parcours, avec une auto-école sociale.',
    meeting: 'plateforme-1',
    agendaItem: 'Atelier code de la route solidaire',
    lead: 'Plateforme mobilité',
    participants: [
      ['AIIPS 94', 'Orientation des participants'],
      ['Femmes relais Seine-Amont', 'Mobilisation des publics'],
    ],
    status: 'launched',
    cadenceDays: 30,
    followUps: [{ day: -34, text: 'Dossier de financement déposé au Département.' }],
    snooze: {
      day: -2,
      untilDay: 12,
      reason: 'En attente de la réponse du Département à l’appel à projets',
    },
    expected: 'snoozed',
  },
  {
    title: 'Passerelle santé-insertion',
    description: 'Un circuit d’orientation entre structures d’insertion et acteurs de santé.',
    meeting: 'comite-3',
    agendaItem: 'Passerelle santé-insertion',
    lead: 'AIIPS 94',
    participants: [
      ['CCAS Ivry', 'Repérage'],
      ['EDS Choisy', 'Accompagnement social'],
    ],
    status: 'launched',
    cadenceDays: 60,
    followUps: [],
    expected: 'never',
  },
  {
    title: 'Forum de l’emploi de Vitry',
    description: 'Le forum annuel de l’emploi, porté par la ville avec tout le réseau.',
    meeting: 'comite-1',
    agendaItem: 'Préparation du forum de l’emploi de Vitry',
    lead: 'Ville de Vitry',
    participants: [
      ['France Travail Vitry', 'Offres et candidats'],
      ['ML Ivry-Vitry', 'Espace jeunes'],
      ['ADL Seine-Amont', 'Coordination des stands'],
    ],
    status: 'launched',
    cadenceDays: 30,
    followUps: [
      { day: -70, text: '52 entreprises inscrites, plan de salle arrêté.', status: 'active' },
      {
        day: -50,
        text: 'Forum tenu : 420 visiteurs, 38 recrutements confirmés.',
        status: 'completed',
      },
    ],
    expected: 'completed',
  },
  {
    title: 'Navette vers la zone Senia',
    description: 'Une navette aux heures des prises de poste en logistique.',
    meeting: 'mobilite',
    agendaItem: 'Navette vers la zone Senia',
    lead: 'ML Orly-Choisy',
    participants: [['Ville d’Orly', 'Étude des besoins']],
    status: 'launched',
    cadenceDays: 30,
    followUps: [
      {
        day: -8,
        text: 'Le Département ouvre une ligne de bus aux mêmes horaires : le projet est sans objet.',
        status: 'abandoned',
      },
    ],
    expected: 'abandoned',
  },
  {
    title: 'Guide commun des aides à la mobilité',
    description: 'Un document partagé qui recense les aides et les contacts.',
    meeting: 'mobilite',
    lead: 'Plateforme mobilité',
    participants: [['ML Orly-Choisy', 'Relecture']],
    status: 'idea',
    cadenceDays: 60,
    followUps: [],
    expected: 'idea',
  },
  {
    title: 'Chantier d’insertion espaces verts',
    description: 'Un chantier d’insertion pour l’entretien des parcs de la ville.',
    meeting: 'plateforme-1',
    lead: 'La Recyclerie',
    participants: [['Ville de Vitry', 'Commanditaire']],
    status: 'launched',
    cadenceDays: 45,
    followUps: [
      {
        day: -30,
        text: 'Le marché de la ville est reporté au printemps.',
        status: 'on_hold',
      },
    ],
    expected: 'on_hold',
  },
];
