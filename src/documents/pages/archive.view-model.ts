import type { MinutesVersionSummary } from '../minutes/minutes.service';
import type { NewsletterSummary } from '../newsletters/newsletter-composer';

/** Who reads the archive: staff (everything, network addresses) or anyone (public links). */
export type Reader = 'staff' | 'portal' | 'anyone';

export interface ArchiveEntry {
  title: string;
  publishedAt: string | null;
  version?: number;
  href: string;
  pdfHref?: string;
  isPublic: boolean;
}

/** The archive's lists, each entry with the address its reader may open. */
export function archiveView(
  reader: Reader,
  minutes: MinutesVersionSummary[],
  newsletters: NewsletterSummary[],
  show: { minutes?: boolean; newsletters?: boolean },
): {
  minutes: ArchiveEntry[];
  newsletters: ArchiveEntry[];
  showMinutes: boolean;
  showNewsletters: boolean;
} {
  const staff = reader === 'staff';
  return {
    showMinutes: show.minutes ?? false,
    showNewsletters: show.newsletters ?? false,
    minutes: minutes.map((m) => {
      const href = staff ? `/minutes/${m.meetingId}/${m.version}` : new URL(m.url).pathname;
      return {
        title: m.title,
        publishedAt: m.publishedAt,
        version: m.version,
        href,
        pdfHref: `${href}/pdf`,
        isPublic: m.visibility === 'public',
      };
    }),
    newsletters: newsletters.map((n) => ({
      title: n.title,
      publishedAt: n.publishedAt,
      href: staff ? `/newsletters/${n.number}` : new URL(n.url as string).pathname,
      isPublic: n.visibility === 'public',
    })),
  };
}
