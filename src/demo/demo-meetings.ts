import type { AgendaItemKind, MeetingKind } from '../meetings/meeting-kinds';

/** An agenda item; the presenter is the first contact of a partner (reference). */
export interface DemoAgendaItem {
  title: string;
  kind: AgendaItemKind;
  minutes: number;
  presenter?: string;
  theme?: string;
  speaker?: string;
  /** What was said and decided (past meetings). */
  summary?: string;
  decisions?: string;
}

/**
 * A meeting of the demo, about `day` days from today (on a `weekday`, Monday = 0), at a
 * time of the network's calendar. Invited partners answer "coming" unless listed otherwise;
 * `silent` ones never answer. Past meetings record attendance: "coming" partners are present,
 * except the `absent` ones, excused ones are excused, the others absent unless `walkIn`.
 */
export interface DemoMeeting {
  key: string;
  title: (month: string) => string;
  kind: MeetingKind;
  day: number;
  weekday: number;
  start: string;
  end: string;
  venue: 'adl' | 'mde' | 'online';
  invited: string[];
  excused?: string[];
  notComing?: string[];
  silent?: string[];
  absent?: string[];
  walkIn?: string[];
  agenda: DemoAgendaItem[];
  minutes?: { introduction: string; conclusion: string };
}

export const VENUES = {
  adl: {
    venueName: 'ADL Seine-Amont, salle du conseil',
    venueAddress: '12 avenue Youri-Gagarine, 94400 Vitry-sur-Seine',
    latitude: 48.7912,
    longitude: 2.3897,
  },
  mde: {
    venueName: 'Maison de l’emploi Grand-Orly',
    venueAddress: '1 rue du Commerce, 94310 Orly',
    latitude: 48.7436,
    longitude: 2.3987,
  },
  online: { onlineUrl: 'https://visio.adl-seine-amont.example.org/groupe-mobilite' },
} as const;

const COMITE = [
  'ADL Seine-Amont',
  'France Travail Vitry',
  'France Travail Choisy',
  'Cap emploi 94',
  'ML Ivry-Vitry',
  'ML Orly-Choisy',
  'PLIE Seine-Amont',
  'MDE Grand-Orly',
  'Ville de Vitry',
  'Ville de Choisy-le-Roi',
  'Ville d’Orly',
  'CCI 94',
  'CMA 94',
  'GEIQ BTP 94',
  'Tremplin Intérim',
  'IFML',
];

const PLATEFORME = [
  'ADL Seine-Amont',
  'PLIE Seine-Amont',
  'CCAS Vitry',
  'CCAS Ivry',
  'EDS Choisy',
  'Régie Ivry',
  'La Recyclerie',
  'Emploi Services',
  'Tremplin Intérim',
  'AIIPS 94',
  'Femmes relais Seine-Amont',
  'ASL Vitry',
  'E2C 94',
  'GRETA 94',
  'ML Ivry-Vitry',
  'France Travail Vitry',
];

const NEWS_ROUND: DemoAgendaItem = {
  title: 'Tour de table des actualités',
  kind: 'round-of-news',
  minutes: 30,
};

/** "de mars", "d’avril", "d’octobre": French elides "de" before a vowel. */
const ofMonth = (month: string) => (/^[aeiouy]/i.test(month) ? `d’${month}` : `de ${month}`);
const comite = (month: string) => `Comité emploi ${ofMonth(month)}`;
const plateforme = (month: string) => `Plateforme insertion ${ofMonth(month)}`;

/** Tuesday for the comité, Thursday for the plateforme. */
export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    key: 'comite-1',
    title: comite,
    kind: 'network-meeting',
    day: -90,
    weekday: 1,
    start: '09:30',
    end: '12:00',
    venue: 'adl',
    invited: COMITE,
    excused: ['CMA 94', 'Ville d’Orly'],
    silent: ['GEIQ BTP 94'],
    absent: ['CCI 94'],
    agenda: [
      { ...NEWS_ROUND, summary: 'Chaque structure a présenté ses recrutements en cours.' },
      {
        title: 'Contrat d’engagement jeune : premiers bilans',
        kind: 'presentation',
        minutes: 45,
        presenter: 'ML Ivry-Vitry',
        theme: 'cej',
        summary: '312 jeunes entrés en un an, dont 41 % sortis vers l’emploi ou la formation.',
        decisions: 'Un job dating logistique sera préparé avec l’IFML.',
      },
      {
        title: 'Préparation du forum de l’emploi de Vitry',
        kind: 'discussion',
        minutes: 30,
        presenter: 'Ville de Vitry',
        decisions: 'La ville porte le forum ; chaque partenaire tient un stand.',
      },
    ],
    minutes: {
      introduction: 'Premier comité de la saison : quinze structures autour de la table.',
      conclusion: 'Prochain comité dans un mois, même lieu.',
    },
  },
  {
    key: 'comite-2',
    title: comite,
    kind: 'network-meeting',
    day: -62,
    weekday: 1,
    start: '09:30',
    end: '12:00',
    venue: 'adl',
    invited: COMITE,
    excused: ['Cap emploi 94'],
    notComing: ['CMA 94'],
    absent: ['France Travail Choisy'],
    walkIn: [],
    agenda: [
      NEWS_ROUND,
      {
        title: 'Clauses sociales des chantiers du tramway',
        kind: 'presentation',
        minutes: 60,
        theme: 'clauses',
        speaker: 'rouvier',
        summary:
          '18 000 heures d’insertion prévues sur trois ans, dont un tiers dès l’an prochain.',
        decisions: 'Le PLIE constitue un vivier de candidats avec les missions locales.',
      },
      {
        title: 'Parrainage de jeunes par des chefs d’entreprise',
        kind: 'discussion',
        minutes: 30,
        presenter: 'ML Ivry-Vitry',
        decisions: 'La mission locale lance un réseau de parrains avec la CCI.',
      },
    ],
    minutes: {
      introduction: 'Un comité consacré aux clauses sociales, avec une intervenante extérieure.',
      conclusion: 'Les structures intéressées par le vivier écrivent au PLIE.',
    },
  },
  {
    key: 'plateforme-1',
    title: plateforme,
    kind: 'working-group',
    day: -48,
    weekday: 3,
    start: '14:00',
    end: '16:30',
    venue: 'mde',
    invited: PLATEFORME,
    excused: ['E2C 94', 'EDS Choisy'],
    silent: ['Emploi Services'],
    walkIn: ['Emploi Services'],
    agenda: [
      NEWS_ROUND,
      {
        title: 'Réforme du RSA : ce qui change pour les référents',
        kind: 'presentation',
        minutes: 60,
        theme: 'rsa',
        speaker: 'poulain',
        summary: 'Inscription automatique, contrat d’engagement, quinze heures d’activité.',
      },
      {
        title: 'Atelier code de la route solidaire',
        kind: 'discussion',
        minutes: 30,
        presenter: 'AIIPS 94',
        decisions: 'La plateforme mobilité monte un atelier et cherche un financement.',
      },
    ],
    minutes: {
      introduction: 'Plateforme insertion accueillie par la maison de l’emploi.',
      conclusion: 'Les référents RSA recevront une fiche de synthèse.',
    },
  },
  {
    key: 'comite-3',
    title: comite,
    kind: 'network-meeting',
    day: -34,
    weekday: 1,
    start: '09:30',
    end: '12:00',
    venue: 'adl',
    invited: COMITE,
    excused: ['MDE Grand-Orly'],
    silent: ['CMA 94', 'GEIQ BTP 94'],
    absent: ['Ville de Choisy-le-Roi'],
    agenda: [
      NEWS_ROUND,
      {
        title: 'Bilan du forum de l’emploi de Vitry',
        kind: 'presentation',
        minutes: 30,
        presenter: 'Ville de Vitry',
        theme: 'forum',
        summary: '420 visiteurs, 38 recrutements confirmés à un mois.',
      },
      {
        title: 'Passerelle santé-insertion',
        kind: 'discussion',
        minutes: 30,
        presenter: 'AIIPS 94',
        decisions: 'L’AIIPS 94 porte une passerelle avec les acteurs de santé.',
      },
    ],
    minutes: {
      introduction: 'Comité centré sur le forum et sur la santé des personnes accompagnées.',
      conclusion: 'La santé mentale sera le thème d’une prochaine plateforme.',
    },
  },
  {
    key: 'mobilite',
    title: () => 'Groupe de travail mobilité',
    kind: 'working-group',
    day: -18,
    weekday: 4,
    start: '10:00',
    end: '11:30',
    venue: 'online',
    invited: [
      'ADL Seine-Amont',
      'Plateforme mobilité',
      'ML Orly-Choisy',
      'PLIE Seine-Amont',
      'AIIPS 94',
      'Ville d’Orly',
      'IFML',
      'France Travail Choisy',
    ],
    excused: ['IFML'],
    absent: ['Ville d’Orly'],
    agenda: [
      {
        title: 'Mobilité : les solutions du territoire',
        kind: 'presentation',
        minutes: 40,
        theme: 'mobilite',
        speaker: 'castel',
        summary: 'Location de scooters, garage solidaire, aide au permis : qui fait quoi.',
      },
      {
        title: 'Navette vers la zone Senia',
        kind: 'discussion',
        minutes: 30,
        presenter: 'ML Orly-Choisy',
        decisions: 'Attendre la nouvelle ligne de bus annoncée par le Département.',
      },
    ],
    minutes: {
      introduction: 'Groupe de travail en visioconférence.',
      conclusion: 'Un guide commun des aides à la mobilité sera proposé.',
    },
  },
  {
    key: 'comite-4',
    title: comite,
    kind: 'network-meeting',
    day: 6,
    weekday: 1,
    start: '09:30',
    end: '12:00',
    venue: 'adl',
    invited: [...COMITE, 'Transports Berthier et fils'],
    excused: ['CMA 94', 'Cap emploi 94'],
    notComing: ['Ville d’Orly'],
    silent: [
      'CCI 94',
      'GEIQ BTP 94',
      'Ville de Choisy-le-Roi',
      'MDE Grand-Orly',
      'Tremplin Intérim',
    ],
    agenda: [
      NEWS_ROUND,
      {
        title: 'Les métiers qui recrutent autour d’Orly',
        kind: 'presentation',
        minutes: 45,
        theme: 'logistique',
        speaker: 'haddouche',
      },
      { title: 'Point sur les projets en cours', kind: 'project-review', minutes: 30 },
    ],
  },
  {
    key: 'plateforme-2',
    title: plateforme,
    kind: 'working-group',
    day: 20,
    weekday: 3,
    start: '14:00',
    end: '16:30',
    venue: 'mde',
    invited: [...PLATEFORME, 'Clinique des Bords de Seine'],
    excused: ['GRETA 94'],
    silent: PLATEFORME.slice(6, 13),
    agenda: [
      NEWS_ROUND,
      {
        title: 'Santé mentale et insertion professionnelle',
        kind: 'presentation',
        minutes: 60,
        theme: 'sante',
        speaker: 'weber',
      },
    ],
  },
  {
    key: 'comite-5',
    title: comite,
    kind: 'network-meeting',
    day: 34,
    weekday: 1,
    start: '09:30',
    end: '12:00',
    venue: 'adl',
    invited: COMITE,
    silent: COMITE.slice(1),
    agenda: [NEWS_ROUND],
  },
];
