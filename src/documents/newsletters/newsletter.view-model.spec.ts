import {
  buildSections,
  NEWSLETTER_SECTIONS,
  normalizeSections,
  SectionItems,
} from './newsletter.view-model';

const empty = (): SectionItems =>
  Object.fromEntries(NEWSLETTER_SECTIONS.map((key) => [key, []])) as unknown as SectionItems;

describe('newsletter sections', () => {
  it('keeps the chosen order, drops unknown or repeated keys and appends the others', () => {
    const sections = normalizeSections([
      { key: 'minutes', included: false },
      { key: 'gone-section', included: true },
      { key: 'minutes', included: true },
      { key: 'regulation', included: true },
    ]);
    expect(sections.slice(0, 3)).toEqual([
      { key: 'minutes', included: false },
      { key: 'regulation', included: true },
      { key: 'local-news', included: true },
    ]);
    expect(sections.map((s) => s.key).sort()).toEqual([...NEWSLETTER_SECTIONS].sort());
    expect(normalizeSections(null).map((s) => s.key)).toEqual([...NEWSLETTER_SECTIONS]);
  });

  it('shows a section only when included and not empty', () => {
    const items = empty();
    items.regulation = [{ id: 1, title: 'Décret', body: 'x', date: '2026-03-05', link: null }];
    items.events = [{ id: 2, title: 'Forum', body: 'y', date: '2026-03-28', link: null }];
    const sections = buildSections(
      [{ key: 'events', included: false }],
      items,
      (key) => `title:${key}`,
    );
    const byKey = Object.fromEntries(sections.map((s) => [s.key, s]));
    expect(byKey.regulation).toMatchObject({
      shown: true,
      isNews: true,
      title: 'title:regulation',
    });
    expect(byKey.events).toMatchObject({ shown: false, included: false });
    expect(byKey.minutes).toMatchObject({ shown: false, included: true, isMinutes: true });
    expect(byKey['projects-attention']).toMatchObject({ isProjects: true, isNews: false });
    expect(sections[0].key).toBe('events');
  });
});
