import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DashboardService } from './dashboard.service';
import { NumberFromText } from '../../common/dto-rules';

export class DashboardQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @NumberFromText()
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

@ApiTags('projects')
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary:
      'Follow-up counts, overdue and stale projects by urgency, projects per partner and per meeting',
  })
  // The answer comes already written (DashboardService.dashboardJson): Express sends the text as is.
  @Header('Content-Type', 'application/json; charset=utf-8')
  get(@Query() query: DashboardQueryDto): Promise<string> {
    return this.dashboard.dashboardJson(query.limit);
  }
}
