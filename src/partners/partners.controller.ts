import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/users/user.entity';
import { IdPipe } from '../common/id.pipe';
import { PageQueryDto } from '../common/pagination';
import { fieldError, InvalidInputException } from '../common/validation';
import { CreateContactDto } from './contacts/create-contact.dto';
import { CreatePartnerDto } from './create-partner.dto';
import { ImportQueryDto, ImportReport } from './import/partners-import.report';
import { PartnersImportService } from './import/partners-import.service';
import { ListPartnersQueryDto, PartnerFilterDto } from './list/list-partners-query.dto';
import {
  ContactPageResponse,
  ContactResponse,
  PartnerPageResponse,
  PartnerResponse,
  toContactResponse,
  toPartnerResponse,
} from './partner.mapper';
import { PartnerKindLabels } from './partner-kind-labels';
import { streamSpreadsheetCsv } from '../common/csv';
import { exportCells, exportRows } from './import/partners-csv';
import { streamPartnersWorkbook, XLSX_TYPE } from './import/partners-workbook';
import { AppConfig } from '../config/app-config';
import { ContactsService } from './contacts/contacts.service';
import { PartnersService } from './partners.service';
import { UpdatePartnerDto } from './update-partner.dto';
import { ViewService } from '../common/web/view.service';
import { offerFile } from '../common/http-answers';

@ApiTags('partners')
@Controller('api/partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly partnerContacts: ContactsService,
    private readonly imports: PartnersImportService,
    private readonly kindLabels: PartnerKindLabels,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ type: PartnerPageResponse })
  async list(@Query() query: ListPartnersQueryDto): Promise<PartnerPageResponse> {
    const page = await this.partners.list(query);
    return {
      ...page,
      items: page.items.map(({ partner, contactCount }) =>
        toPartnerResponse(partner, contactCount),
      ),
      totalExact: page.totalExact ?? true,
    };
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'UTF-8 with BOM, ";" separated, CRLF, French headers and kind labels, one row per contact; streamed, and cut short (connection reset, no end of chunked body) if an error occurs once the rows have started',
  })
  async export(@Query() filter: PartnerFilterDto, @Res() response: Response): Promise<void> {
    const batches = await this.partners.exportBatches(filter);
    response.type('text/csv; charset=utf-8');
    offerFile(response, 'partenaires.csv');
    // Backpressure: a batch is read when the client has taken the rows before it.
    await streamSpreadsheetCsv(
      response,
      exportRows(batches, (kind) => this.kindLabels.label(kind), this.config.timeZone),
    );
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description:
      'The same columns and rows as export.csv in an Excel workbook (.xlsx): numbers as numbers, dates at the agency’s time; the import reads it back. Streamed, and cut short if an error occurs once the rows have started',
  })
  async exportWorkbook(
    @Query() filter: PartnerFilterDto,
    @Res() response: Response,
  ): Promise<void> {
    const batches = await this.partners.exportBatches(filter);
    response.type(XLSX_TYPE);
    offerFile(response, 'partenaires.xlsx');
    await streamPartnersWorkbook(
      response,
      exportCells(batches, (kind) => this.kindLabels.label(kind)),
      this.config.timeZone,
    );
  }

  @Post('import')
  @HttpCode(200)
  // The multipart body is read by the import's upload middleware (PartnersPagesModule), whose
  // refusals name `file` in words, as the page's and the sign-in scans' do.
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: ImportReport, description: 'Dry run unless apply=true' })
  @ApiUnprocessableEntityResponse({
    type: ImportReport,
    description: 'apply=true and a row is wrong: nothing written',
  })
  @ApiPayloadTooLargeResponse({ description: 'The file is over 2 MiB' })
  async import(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: User,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport> {
    if (!file) {
      throw new InvalidInputException([fieldError('file', 'errors.input.fileMissing')]);
    }
    const report = await this.imports.import(file.buffer, {
      apply: query.apply === 'true',
      actor: { user, via: 'import de fichier, API' },
    });
    if (query.apply === 'true' && !report.applied) response.status(422);
    return {
      ...report,
      errors: report.errors.map(({ row, column, text }) => ({
        row,
        column,
        code: text.key,
        message: this.views.messageText(text),
      })),
    };
  }

  @Post()
  @ApiCreatedResponse({ type: PartnerResponse })
  @ApiConflictResponse({ description: 'A partner has the same name (ignoring case and accents)' })
  async create(@Body() dto: CreatePartnerDto, @CurrentUser() user: User): Promise<PartnerResponse> {
    return toPartnerResponse(await this.partners.create(actorOf(user), dto));
  }

  @Get(':id')
  @ApiOkResponse({ type: PartnerResponse, description: 'With its contacts' })
  async get(@Param('id', IdPipe) id: number): Promise<PartnerResponse> {
    return toPartnerResponse(await this.partners.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: PartnerResponse })
  async update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdatePartnerDto,
    @CurrentUser() user: User,
  ): Promise<PartnerResponse> {
    return toPartnerResponse(await this.partners.update(actorOf(user), id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; 409 when the partner has history (archive it)' })
  async remove(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<void> {
    await this.partners.remove(actorOf(user), id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerResponse })
  async archive(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<PartnerResponse> {
    return toPartnerResponse(await this.partners.archive(actorOf(user), id));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerResponse })
  async restore(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<PartnerResponse> {
    return toPartnerResponse(await this.partners.restore(actorOf(user), id));
  }

  @Get(':id/contacts')
  @ApiOkResponse({ type: ContactPageResponse })
  async contacts(
    @Param('id', IdPipe) id: number,
    @Query() query: PageQueryDto,
  ): Promise<ContactPageResponse> {
    const page = await this.partnerContacts.listContacts(id, query);
    return { ...page, items: page.items.map(toContactResponse) };
  }

  @Post(':id/contacts')
  @ApiCreatedResponse({ type: ContactResponse })
  @ApiConflictResponse({ description: 'A contact has the same email (ignoring case)' })
  async addContact(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateContactDto,
    @CurrentUser() user: User,
  ): Promise<ContactResponse> {
    return toContactResponse(await this.partnerContacts.createContact(actorOf(user), id, dto));
  }
}
