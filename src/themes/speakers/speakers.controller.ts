import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { Page } from '../../common/pagination';
import { IdPipe } from '../../common/id.pipe';
import { CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from './speaker.dto';
import type { SpeakerForMeeting, SpeakerResponse } from './speaker.mapper';
import { SpeakersService } from './speakers.service';

@ApiTags('speakers')
@Controller('api/speakers')
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @Get()
  @ApiOperation({
    summary: 'List speakers, or find one for a meeting (paginated)',
    description:
      'With meetingId each speaker gets distanceKm (great circle to the venue), travelCents ' +
      '(round trip × per-km rate) and totalCostCents (fee + travel); unknown distances are ' +
      'null and listed last. maxDistanceKm leaves out speakers whose distance is unknown.',
  })
  list(@Query() query: ListSpeakersQueryDto): Promise<Page<SpeakerResponse | SpeakerForMeeting>> {
    return this.speakers.list(query);
  }

  @Post()
  create(@Body() dto: CreateSpeakerDto, @CurrentUser() user: User): Promise<SpeakerResponse> {
    return this.speakers.create(dto, user);
  }

  @Get(':id')
  read(@Param('id', IdPipe) id: number): Promise<SpeakerResponse> {
    return this.speakers.read(id);
  }

  @Patch(':id')
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateSpeakerDto,
    @CurrentUser() user: User,
  ): Promise<SpeakerResponse> {
    return this.speakers.update(id, dto, user);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<SpeakerResponse> {
    return this.speakers.setArchived(id, true, user);
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<SpeakerResponse> {
    return this.speakers.setArchived(id, false, user);
  }
}
