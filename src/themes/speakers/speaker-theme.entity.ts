import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Speaker } from './speaker.entity';
import type { Theme } from '../catalogue/theme.entity';

/** A theme a speaker can present. */
@Entity({ name: 'speaker_themes' })
export class SpeakerTheme {
  @PrimaryColumn({ name: 'speaker_id', type: 'integer' })
  speakerId: number;

  @ManyToOne('Speaker', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @Index('ix_speaker_themes_theme')
  @PrimaryColumn({ name: 'theme_id', type: 'integer' })
  themeId: number;

  @ManyToOne('Theme', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_id' })
  theme?: Theme;
}
