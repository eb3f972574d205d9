import multer from 'multer';
import { RequestRefusedException } from '../error-body';

/** multer's refusals other than size, each with what the sender should do (the codes are multer's). */
const REFUSALS: Record<string, string> = {
  LIMIT_FILE_COUNT: 'errors.upload.fileCount',
  LIMIT_UNEXPECTED_FILE: 'errors.upload.unexpectedField',
  LIMIT_PART_COUNT: 'errors.upload.fields',
  LIMIT_FIELD_KEY: 'errors.upload.fields',
  LIMIT_FIELD_VALUE: 'errors.upload.fields',
  LIMIT_FIELD_COUNT: 'errors.upload.fields',
};

/**
 * A multipart upload that multer refused, as a 4xx naming the file field in words: `tooLarge`
 * for a file over the limit, a 400 for the rest. Busboy's own errors (a truncated or malformed
 * body, a NUL in a file name) are the client's too.
 */
export function uploadRefusal(
  error: unknown,
  field: string,
  tooLarge: () => RequestRefusedException,
): RequestRefusedException {
  const code = error instanceof multer.MulterError ? error.code : undefined;
  if (code === 'LIMIT_FILE_SIZE') return tooLarge();
  return new RequestRefusedException(
    400,
    { key: (code && REFUSALS[code]) ?? 'errors.upload.malformed', params: { field } },
    field,
  );
}

const uploadRoutes = new WeakSet<object>();

/**
 * Marks a request as reaching a route that takes files (its upload middleware runs multer): the
 * API takes multipart bodies there only (`checkCsrf` answers 415 elsewhere, where nothing would
 * read the fields sent).
 */
export function markUploadRoute(request: object): void {
  uploadRoutes.add(request);
}

export function isUploadRoute(request: object): boolean {
  return uploadRoutes.has(request);
}
