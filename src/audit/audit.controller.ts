import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditChanges,
  type AuditEntry,
} from './audit-entry.entity';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

export class AuditEntryResponse {
  @ApiProperty() id: number;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ type: Number, nullable: true }) actorUserId: number | null;
  @ApiProperty({ description: 'Who acted, readable even after the user is gone' })
  actorLabel: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields: { field: { before, after } }',
  })
  changes: AuditChanges;
}

export class AuditTrailResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
}

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return {
    id: entry.id,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    at: entry.at.toISOString(),
    changes: entry.changes,
  };
}

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The trail of one record, oldest first: who created, changed, archived it and when. */
  @Get()
  @ApiOkResponse({ type: AuditTrailResponse })
  async trail(@Query() query: AuditQueryDto): Promise<AuditTrailResponse> {
    const entries = await this.audit.trailOf(query.entity, query.id);
    return { items: entries.map(toAuditEntryResponse) };
  }
}
