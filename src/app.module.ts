import { BeforeApplicationShutdown, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock.module';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DocumentsModule } from './documents/documents.module';
import { Draining } from './health/draining';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { MeetingsModule } from './meetings/meetings.module';
import { PartnersModule } from './partners/partners.module';
import { PortalModule } from './portal/portal.module';
import { PartnersPagesModule } from './partners/pages/partners-pages.module';
import { ProjectsModule } from './projects/projects.module';
import { ReportsModule } from './reports/reports.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SearchModule } from './search/search.module';
import { ThemesModule } from './themes/themes.module';
import { WebModule } from './common/web/web.module';

@Module({
  imports: [
    ConfigModule,
    ClockModule,
    DatabaseModule,
    WebModule,
    AuthModule,
    AuditModule,
    PartnersModule,
    MeetingsModule,
    ProjectsModule,
    MailModule,
    ThemesModule,
    DocumentsModule,
    HealthModule,
    PortalModule,
    DashboardModule,
    ReportsModule,
    PrivacyModule,
    SearchModule,
    PartnersPagesModule,
    DemoModule,
  ],
})
export class AppModule implements BeforeApplicationShutdown {
  constructor(private readonly draining: Draining) {}

  /** The root module's hook runs before the other modules' ones: readiness turns 503 first. */
  beforeApplicationShutdown(signal?: string): Promise<void> {
    return this.draining.begin(signal);
  }
}
