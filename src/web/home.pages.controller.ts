import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { ViewService } from './view.service';

/** The staff home page (signed in only); it will grow into the dashboard. */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(private readonly views: ViewService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@Req() request: Request): string {
    return this.views.renderPage(request, 'pages/home', { title: this.views.text('home.title') });
  }
}
