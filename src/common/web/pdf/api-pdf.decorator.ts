import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** An OpenAPI operation answering a document: `application/pdf` (or `text/csv`), as bytes. */
export function ApiFileResponse(description: string, mediaType = 'application/pdf') {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiOkResponse({
      description,
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
}
