import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { Page } from '../../common/pagination';
import { IdPipe } from '../../common/id.pipe';
import {
  CreateNewsItemDto,
  ListNewsQueryDto,
  NewsItemResponse,
  UpdateNewsItemDto,
} from './news.dto';
import { NewsService } from './news.service';

@ApiTags('news')
@Controller('api/news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @ApiOperation({ summary: 'News items, newest first (filter by kind and days)' })
  list(@Query() query: ListNewsQueryDto): Promise<Page<NewsItemResponse>> {
    return this.news.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Write a news item (regulation, local news, event)' })
  create(@Body() dto: CreateNewsItemDto, @CurrentUser() user: User): Promise<NewsItemResponse> {
    return this.news.create(dto, user);
  }

  @Get(':id')
  read(@Param('id', IdPipe) id: number): Promise<NewsItemResponse> {
    return this.news.read(id);
  }

  @Patch(':id')
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateNewsItemDto,
    @CurrentUser() user: User,
  ): Promise<NewsItemResponse> {
    return this.news.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a news item (published newsletters keep their copy)' })
  remove(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<void> {
    return this.news.remove(id, user);
  }
}
