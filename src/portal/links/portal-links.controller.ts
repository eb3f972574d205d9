import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { PortalLinksService } from './portal-links.service';

/** Staff side of the partner portal: send a contact a sign-in link, list and revoke links. */
@ApiTags('portal')
@Controller('api')
export class PortalLinksController {
  constructor(private readonly links: PortalLinksService) {}

  @Post('contacts/:id/portal-link')
  @ApiOperation({ summary: 'Send the contact a portal sign-in link by mail (through the outbox)' })
  send(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    return this.links.send(id, user);
  }

  @Get('contacts/:id/portal-links')
  @ApiOperation({ summary: "The contact's portal links (never the tokens)" })
  list(@Param('id', IdPipe) id: number) {
    return this.links.listFor(id);
  }

  @Post('contacts/:id/portal-links/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke every live portal link of the contact (ends its sessions)' })
  revokeAll(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    return this.links.revokeAllFor(id, user);
  }

  @Delete('portal-links/:id')
  @ApiOperation({ summary: 'Revoke one portal link (ends the session it opened)' })
  revoke(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    return this.links.revoke(id, user);
  }
}
