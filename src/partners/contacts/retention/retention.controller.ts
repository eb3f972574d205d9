import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../../../audit/audit.service';
import { CurrentUser, Roles } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { IdPipe } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';
import { ContactRetentionService } from './contact-retention.service';

export class RetentionReviewItem {
  @ApiProperty() id: number;
  @ApiProperty() fullName: string;
  @ApiProperty() partnerId: number;
  @ApiProperty() partnerName: string;
  @ApiProperty({ description: 'The partner is archived (its contacts are reviewed too)' })
  partnerArchived: boolean;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string;
  @ApiProperty({
    enum: [
      'created',
      'consent',
      'kept',
      'answer',
      'attendance',
      'presented',
      'followUp',
      'portalUse',
      'portalRequest',
    ],
    description: 'What the latest activity was (docs/personal-data.md, "How long")',
  })
  lastActivityKind: string;
}

export class RetentionReviewResponse {
  @ApiProperty({ type: [RetentionReviewItem] }) items: RetentionReviewItem[];
  @ApiProperty({ description: 'Contacts due for review' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'CONTACT_RETENTION_MONTHS' }) months: number;
  @ApiProperty({ format: 'date-time', description: 'Listed: latest activity before this' })
  before: string;
  @ApiProperty({ description: 'All contacts of the directory' }) contacts: number;
}

export class RetentionDecisionResponse {
  @ApiProperty() contactId: number;
  @ApiProperty({ format: 'date-time' }) keptAt: string;
  @ApiProperty() keptBy: string;
}

/**
 * The retention review (administrators): contacts without activity for CONTACT_RETENTION_MONTHS,
 * oldest first, and the decision to keep one. Registered before ContactsController, so that
 * `retention-review` is not read as a contact's id.
 */
@ApiTags('partners')
@Roles('admin')
@Controller('api/contacts')
export class RetentionController {
  constructor(private readonly retention: ContactRetentionService) {}

  @Get('retention-review')
  @ApiOkResponse({ type: RetentionReviewResponse })
  async review(@Query() query: PageQueryDto): Promise<RetentionReviewResponse> {
    const review = await this.retention.review(query);
    return {
      items: review.page.items.map((line) => ({
        ...line,
        lastActivityAt: line.lastActivityAt.toISOString(),
      })),
      total: review.page.total,
      page: review.page.page,
      pageSize: review.page.pageSize,
      months: review.months,
      before: review.before.toISOString(),
      contacts: review.contacts,
    };
  }

  /** Keep the contact after review: it leaves the list until the period has passed again. */
  @Post(':id/retention-keep')
  @HttpCode(200)
  @ApiOkResponse({ type: RetentionDecisionResponse })
  async keep(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<RetentionDecisionResponse> {
    const decision = await this.retention.keep(actorOf(user), id);
    return { ...decision, keptAt: decision.keptAt.toISOString() };
  }
}
