import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { IdPipe } from '../../../common/id.pipe';
import { DecideProposalDto, OpenReviewDto } from './minutes-review.dto';
import { MinutesReviewService } from './minutes-review.service';
import type { ReviewRoundView } from './minutes-review.view-model';

/** Staff API of the minutes' review round (the attendees' side is the portal's pages). */
@ApiTags('minutes')
@Controller('api/meetings/:id/minutes/review')
export class MinutesReviewController {
  constructor(private readonly reviews: MinutesReviewService) {}

  @Get()
  @ApiOperation({
    summary: 'The review round still to be published: paragraphs, proposals, readers (or null)',
  })
  async round(@Param('id', IdPipe) id: number): Promise<{ round: ReviewRoundView | null }> {
    return { round: await this.reviews.round(id) };
  }

  @Post()
  @ApiOperation({
    summary: 'Open a review round on the draft with a deadline; mails the attendees a portal link',
  })
  open(
    @Param('id', IdPipe) id: number,
    @Body() dto: OpenReviewDto,
    @CurrentUser() user: User,
  ): Promise<ReviewRoundView> {
    return this.reviews.open(id, dto, user);
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the open round before its deadline' })
  close(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<ReviewRoundView> {
    return this.reviews.close(id, user);
  }

  @Post('proposals/:proposalId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept (a suggestion is written into the draft) or reject (with a reason) a proposal',
  })
  decide(
    @Param('id', IdPipe) id: number,
    @Param('proposalId', IdPipe) proposalId: number,
    @Body() dto: DecideProposalDto,
    @CurrentUser() user: User,
  ): Promise<ReviewRoundView> {
    return this.reviews.decide(id, proposalId, dto, user);
  }
}
